import { createHash } from "node:crypto";

/** One valid, visible, unhidden entry of a model for a benchmark task, as conflict detection sees it. */
export interface ConflictEntry {
  repoId: number;
  model: string;
  datasetId: string;
  datasetKey: string;
  taskId: string;
  ref: string;
  pullRequest: number | null;
  filename: string;
  entryIndex: number;
  contentHash: string;
  commit: string;
  value: number;
  /** `setup.stderr`, else the stderr of a checked log. */
  stderr: number | null;
  /** The entry as written (for its setup, source, notes and the fields that differ). */
  data: Record<string, unknown>;
}

export interface FieldDifference {
  field: string;
  values: [unknown, unknown];
}

export interface Conflict {
  /** Stable while both entries stay as they are. */
  id: string;
  model: string;
  datasetId: string;
  taskId: string;
  entries: [ConflictEntry, ConflictEntry];
  difference: { absolute: number; tolerance: number; rule: "relative-2%" | "stderr-1.96" };
  /** Every field besides the value where the two entries differ (notes, source, date, setup…), each side's value. */
  fields: FieldDifference[];
}

/** Setup fields that, stated differently by both entries, explain a difference in value. `stderr` describes the value and does not. */
const EXPLAINING = ["dataset.revision", ...["n_shot", "chain_of_thought", "tools", "temperature", "max_tokens", "reasoning_effort", "harness.name", "harness.version", "model_revision", "samples", "metric"].map((f) => `setup.${f}`)];
/** The fields every entry of a group shares or that are the compared value itself. */
const NOT_COMPARED = new Set(["dataset.id", "dataset.task_id", "value", "verifyToken"]);

/**
 * Conflicts among entries: for one model and one benchmark task, two entries whose values differ by more than 2% of
 * the larger (or, when both standard errors are known, by more than 1.96·sqrt(se1² + se2²)), unless a setup field
 * both state differs (tools, n_shot, reasoning_effort, …), which explains the difference. The same entry on `main`
 * and in a pull request (which carries main's files) counts once. A pure function of the rows.
 */
export function findConflicts(entries: readonly ConflictEntry[]): Conflict[] {
  const groups = new Map<string, ComparableEntry[]>();
  for (const entry of distinctEntries(entries)) {
    const key = `${entry.repoId}|${entry.datasetKey}|${entry.taskId}`;
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = []));
    group.push(comparable(entry));
  }
  const conflicts: Conflict[] = [];
  for (const group of groups.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const conflict = conflictOf(group[i]!, group[j]!);
        if (conflict) conflicts.push(conflict);
      }
    }
  }
  return conflicts;
}

/** One entry per (model, content): main's copy first, else the lowest pull request; then in file order. */
function distinctEntries(entries: readonly ConflictEntry[]): ConflictEntry[] {
  const sorted = [...entries].sort((a, b) =>
    a.repoId - b.repoId || (a.pullRequest ?? 0) - (b.pullRequest ?? 0) || cmp(a.filename, b.filename) || a.entryIndex - b.entryIndex);
  const seen = new Set<string>();
  return sorted.filter((e) => (seen.has(`${e.repoId}|${e.contentHash}`) ? false : (seen.add(`${e.repoId}|${e.contentHash}`), true)));
}

/**
 * An entry with its leaf fields flattened once, each with the form two values are compared in: a group of n entries
 * makes n² / 2 pairs, so the work per entry is done before pairing rather than per pair.
 */
interface ComparableEntry {
  entry: ConflictEntry;
  fields: Map<string, { value: unknown; compared: string }>;
}

function comparable(entry: ConflictEntry): ComparableEntry {
  const fields = new Map<string, { value: unknown; compared: string }>();
  for (const [path, value] of flatten(entry.data)) fields.set(path, { value, compared: comparedForm(value) });
  return { entry, fields };
}

function conflictOf(ca: ComparableEntry, cb: ComparableEntry): Conflict | null {
  const [a, b] = [ca.entry, cb.entry];
  const absolute = Math.abs(a.value - b.value);
  const byStderr = a.stderr !== null && b.stderr !== null;
  const tolerance = byStderr ? 1.96 * Math.sqrt(a.stderr! ** 2 + b.stderr! ** 2) : 0.02 * Math.max(Math.abs(a.value), Math.abs(b.value));
  if (absolute <= tolerance) return null;
  const [fa, fb] = [ca.fields, cb.fields];
  if (EXPLAINING.some((f) => fa.has(f) && fb.has(f) && fa.get(f)!.compared !== fb.get(f)!.compared)) return null;
  const fields: FieldDifference[] = [];
  for (const field of new Set([...fa.keys(), ...fb.keys()])) {
    if (NOT_COMPARED.has(field) || fa.get(field)?.compared === fb.get(field)?.compared) continue;
    fields.push({ field, values: [fa.get(field)?.value ?? null, fb.get(field)?.value ?? null] });
  }
  fields.sort((x, y) => cmp(x.field, y.field));
  const id = createHash("sha256").update(`${a.repoId}|${[a.contentHash, b.contentHash].sort().join("|")}`).digest("hex").slice(0, 16);
  return {
    id, model: a.model, datasetId: a.datasetId, taskId: a.taskId, entries: [a, b],
    difference: { absolute: round(absolute), tolerance: round(tolerance), rule: byStderr ? "stderr-1.96" : "relative-2%" }, fields,
  };
}

/** Leaf fields by dotted path (`source.url`, `setup.harness.name`). */
function flatten(data: Record<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (value: unknown, path: string) => {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [key, child] of Object.entries(value)) walk(child, path === "" ? key : `${path}.${key}`);
    } else if (path !== "") out.set(path, value);
  };
  walk(data, "");
  return out;
}

/** Two values are the same when these agree: strings ignore case and surrounding space; the rest compare as JSON. */
function comparedForm(value: unknown): string {
  return typeof value === "string" ? `s${value.trim().toLowerCase()}` : `j${JSON.stringify(value)}`;
}

/** Strings in code-unit order, as `Array.prototype.sort` puts them. */
export const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const round = (x: number) => Number(x.toPrecision(6));
