import type { ParsedResultEntry } from "./eval-results.ts";
import { suggest } from "./suggest.ts";

/** What the classifier needs to know of a benchmark. */
export interface RegisteredBenchmark {
  id: string;
  /** Task ids in file order, or null when the benchmark has no valid eval.yaml. */
  taskIds: readonly string[] | null;
  /** Why the task list is missing, when it is (e.g. the first problem of eval.yaml). */
  invalidReason?: string;
}

/** The benchmarks results are checked against: a folder of eval.yaml files, or the hub's database. */
export interface BenchmarkRegistry {
  get(datasetId: string): RegisteredBenchmark | undefined;
  /** Every benchmark id, for suggestions. */
  ids(): Iterable<string>;
}

export type ResultStatus = "valid" | "unknown-benchmark" | "unknown-task" | "invalid";

export interface Classification {
  status: ResultStatus;
  /** Why the entry counts or does not, in words. Empty for valid entries. */
  reasons: string[];
  /** Closest known ids (dataset ids for an unknown benchmark, task ids for an unknown task). */
  suggestions: string[];
}

/** Whether an entry can count on a leaderboard, and why not. */
export function classifyEntry(parsed: ParsedResultEntry, registry: BenchmarkRegistry): Classification {
  const errors = parsed.problems.filter((p) => p.severity === "error");
  if (!parsed.entry || errors.length > 0) {
    return { status: "invalid", reasons: errors.map((p) => `${p.path}: ${p.message}`), suggestions: [] };
  }
  const { id, task_id } = parsed.entry.dataset;
  const benchmark = registry.get(id);
  if (!benchmark) {
    const suggestions = suggest(id, [...registry.ids()]);
    const hint = suggestions.length > 0 ? `; did you mean ${suggestions.map((s) => `\`${s}\``).join(" or ")}?` : "";
    return { status: "unknown-benchmark", reasons: [`\`${id}\` is not a benchmark on this hub${hint}`], suggestions };
  }
  if (benchmark.taskIds === null) {
    const why = benchmark.invalidReason ? `: ${benchmark.invalidReason}` : "";
    return { status: "unknown-benchmark", reasons: [`\`${id}\` has no valid eval.yaml${why}`], suggestions: [] };
  }
  if (benchmark.taskIds.includes(task_id)) return { status: "valid", reasons: [], suggestions: [] };
  const suggestions = suggest(task_id, benchmark.taskIds);
  const hint = suggestions.length > 0
    ? `did you mean ${suggestions.map((s) => `\`${s}\``).join(" or ")}?`
    : `its tasks are ${benchmark.taskIds.slice(0, 10).map((s) => `\`${s}\``).join(", ")}${benchmark.taskIds.length > 10 ? ", …" : ""}`;
  return { status: "unknown-task", reasons: [`\`${task_id}\` is not a task of \`${id}\`; ${hint}`], suggestions };
}

/** A registry over a fixed set of benchmarks. */
export function staticRegistry(benchmarks: Iterable<RegisteredBenchmark>): BenchmarkRegistry {
  const byId = new Map<string, RegisteredBenchmark>();
  for (const b of benchmarks) byId.set(b.id, b);
  return { get: (id) => byId.get(id), ids: () => byId.keys() };
}

/** Registry entry for a benchmark from the outcome of validating its eval.yaml. */
export function registeredFromEvalYaml(id: string, result: { benchmark: { tasks: { id: string }[] } | null; problems: { severity: string; summary: string; path: string; line: number; column: number }[] }): RegisteredBenchmark {
  if (result.benchmark) return { id, taskIds: result.benchmark.tasks.map((t) => t.id) };
  const first = result.problems.find((p) => p.severity === "error");
  const invalidReason = first ? `${first.summary.toLowerCase()}${first.path ? ` at ${first.path}` : ""} (eval.yaml:${first.line}:${first.column})` : undefined;
  return { id, taskIds: null, invalidReason };
}
