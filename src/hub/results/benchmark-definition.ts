import type { BenchmarkDefinition } from "../../formats/eval-yaml.ts";
import type { Problem } from "../../formats/problems.ts";

/** What the index keeps of a benchmark's eval.yaml. */
export interface StoredBenchmark {
  repoId: number;
  datasetKey: string;
  mainCommit: string;
  valid: boolean;
  problems: Problem[];
  /** The last valid definition on main; null when there never was one. */
  definition: BenchmarkDefinition | null;
  definitionCommit: string | null;
}

export function parseDefinition(json: string | null): BenchmarkDefinition | null {
  return json === null ? null : (JSON.parse(json) as BenchmarkDefinition);
}

/** Reason shown on results that point at a benchmark without a usable task list. */
export function invalidReason(problems: readonly Problem[]): string | undefined {
  const first = problems.find((p) => p.severity === "error");
  return first ? `${first.summary.toLowerCase()}${first.path ? ` at ${first.path}` : ""} (eval.yaml:${first.line}:${first.column})` : undefined;
}
