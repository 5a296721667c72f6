import { parse } from "yaml";
import { isResultsFile } from "./random-ops.ts";

/**
 * A model of what the results index must say, computed from what a test wrote (files per ref, open pull
 * requests, hidden entries, benchmark task lists, privacy) with its own YAML reading and its own rules.
 * It shares no code with `src/hub/results/`, so it catches bugs a rebuild from git would repeat.
 */

export type ExpectedStatus = "valid" | "unknown-benchmark" | "unknown-task" | "invalid";

/** A benchmark as the model knows it: its current task list (the last valid one), or null when it has none. */
export interface ModelBenchmark {
  /** `ns/name` */
  id: string;
  /** Whether main has an eval.yaml at all (only then is it a benchmark of the hub). */
  hasEvalYaml: boolean;
  tasks: { id: string; lowerIsBetter: boolean }[] | null;
}

/** A ref whose results count: main or an open pull request. */
export interface ModelRef {
  ref: string;
  files: ReadonlyMap<string, string>;
  /** For a pull request: the files where it branched from main. Entries found word for word there are main's, not proposed. */
  base?: ReadonlyMap<string, string>;
}

export interface HiddenKey {
  ref: string;
  file: string;
  /** The entry as the API showed it when it was hidden. */
  data: unknown;
}

export interface ModelRepoView {
  id: string;
  private: boolean;
  refs: ModelRef[];
  hidden: readonly HiddenKey[];
}

/** An entry of a results file as the index must show it. */
export interface ExpectedEntry {
  ref: string;
  file: string;
  data: unknown;
  status: ExpectedStatus;
  datasetKey: string | null;
  taskId: string | null;
  value: number | null;
  hidden: boolean;
}

/** JSON with sorted keys: equal for equal data, whatever the key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === "string" && /\S/.test(v);

/**
 * The entries of a results file: the items of a list, or a single mapping read as one entry; null when the
 * file is not YAML or is a scalar (one file-level invalid row then).
 */
export function itemsOf(content: string): unknown[] | null {
  let doc: unknown;
  try {
    doc = parse(content);
  } catch {
    return null;
  }
  if (Array.isArray(doc)) return doc;
  return isMapping(doc) ? [doc] : null;
}

/** How one item of a results file is classified against the benchmarks of the hub. */
export function classify(item: unknown, benchmarks: ReadonlyMap<string, ModelBenchmark>): { status: ExpectedStatus; datasetKey: string | null; taskId: string | null; value: number | null } {
  const dataset = isMapping(item) && isMapping(item.dataset) ? item.dataset : null;
  const datasetKey = dataset && typeof dataset.id === "string" ? dataset.id.toLowerCase() : null;
  const taskId = dataset && typeof dataset.task_id === "string" ? dataset.task_id : null;
  const value = isMapping(item) && typeof item.value === "number" && Number.isFinite(item.value) ? item.value : null;
  const structurallyValid =
    isMapping(item) && dataset !== null && isText(dataset.id) && isText(dataset.task_id) && value !== null && (item.notes === undefined || typeof item.notes === "string");
  if (!structurallyValid) return { status: "invalid", datasetKey, taskId, value };
  const benchmark = benchmarks.get(datasetKey ?? "");
  if (!benchmark?.hasEvalYaml || benchmark.tasks === null) return { status: "unknown-benchmark", datasetKey, taskId, value };
  return { status: benchmark.tasks.some((t) => t.id === taskId) ? "valid" : "unknown-task", datasetKey, taskId, value };
}

/** Every entry the index must hold for a model repository: all refs, all results files, all items. */
export function expectedEntries(repo: ModelRepoView, benchmarks: ReadonlyMap<string, ModelBenchmark>): ExpectedEntry[] {
  const out: ExpectedEntry[] = [];
  const hidden = new Set(repo.hidden.map((h) => `${h.ref}|${h.file}|${canonical(h.data)}`));
  for (const { ref, files, base } of repo.refs) {
    for (const [file, content] of files) {
      if (!isResultsFile(file)) continue;
      const items = itemsOf(content);
      const baseContent = base?.get(file);
      const inBase = new Set(baseContent === undefined ? [] : (itemsOf(baseContent) ?? [null]).map(canonical));
      if (items === null) {
        if (inBase.has(canonical(null))) continue;
        out.push({ ref, file, data: null, status: "invalid", datasetKey: null, taskId: null, value: null, hidden: hidden.has(`${ref}|${file}|null`) });
        continue;
      }
      for (const item of items) {
        if (inBase.has(canonical(item))) continue;
        const c = classify(item, benchmarks);
        out.push({ ref, file, data: item, ...c, hidden: hidden.has(`${ref}|${file}|${canonical(item)}`) });
      }
    }
  }
  return out;
}

export interface ExpectedBoardRow {
  modelId: string;
  value: number;
  /** The chosen row comes from a pull request: no row of main reaches the best value. */
  community: boolean;
}

/**
 * One task's leaderboard: per visible model, its best valid unhidden value (the task's direction), and
 * whether that best is only on a pull request. Sorted by model id (the order among equal values depends on dates).
 */
export function expectedLeaderboard(
  repos: readonly ModelRepoView[],
  benchmarks: ReadonlyMap<string, ModelBenchmark>,
  board: { benchmark: string; taskId: string; lowerIsBetter: boolean; includeCommunity: boolean; includePrivate: boolean },
): ExpectedBoardRow[] {
  const key = board.benchmark.toLowerCase();
  const rows: ExpectedBoardRow[] = [];
  for (const repo of repos) {
    if (repo.private && !board.includePrivate) continue;
    const candidates = expectedEntries(repo, benchmarks).filter(
      (e) => e.status === "valid" && !e.hidden && e.datasetKey === key && e.taskId === board.taskId && (board.includeCommunity || e.ref === "refs/heads/main"),
    );
    if (candidates.length === 0) continue;
    const values = candidates.map((c) => c.value as number);
    const best = board.lowerIsBetter ? Math.min(...values) : Math.max(...values);
    rows.push({ modelId: repo.id, value: best, community: !candidates.some((c) => c.value === best && c.ref === "refs/heads/main") });
  }
  return rows.sort((a, b) => (a.modelId < b.modelId ? -1 : a.modelId > b.modelId ? 1 : 0));
}

/** A multiset difference for readable failures: what one side has that the other lacks. */
export function multisetDiff(expected: readonly string[], actual: readonly string[]): { missing: string[]; unexpected: string[] } {
  const counts = new Map<string, number>();
  for (const e of expected) counts.set(e, (counts.get(e) ?? 0) + 1);
  const unexpected: string[] = [];
  for (const a of actual) {
    const n = counts.get(a) ?? 0;
    if (n === 0) unexpected.push(a);
    else counts.set(a, n - 1);
  }
  const missing = [...counts].flatMap(([k, n]) => Array<string>(n).fill(k));
  return { missing, unexpected };
}
