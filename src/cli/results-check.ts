import { classifyEntry, type BenchmarkRegistry, type Classification } from "../formats/classify.ts";
import { validateEvalResults, type ParsedResultEntry } from "../formats/eval-results.ts";
import { hasErrors, type Problem } from "../formats/problems.ts";

export interface CheckedEntry extends Classification {
  parsed: ParsedResultEntry;
}

export interface CheckedResultsFile {
  ok: boolean;
  /** The file's problems, plus one per entry whose benchmark or task the registry does not know. */
  problems: Problem[];
  entries: CheckedEntry[];
}

/** A `.eval_results` file checked on its own and, with a registry, against the benchmarks it names. */
export function checkResultsFile(bytes: Uint8Array, file: string, registry?: BenchmarkRegistry): CheckedResultsFile {
  const result = validateEvalResults(bytes, { file });
  const problems = [...result.problems];
  const entries = result.entries.map((parsed): CheckedEntry => {
    const classification: Classification = registry
      ? classifyEntry(parsed, registry)
      : { status: parsed.entry ? "valid" : "invalid", reasons: [], suggestions: [] };
    if (classification.status === "unknown-benchmark" || classification.status === "unknown-task") {
      const field = classification.status === "unknown-task" ? "task_id" : "id";
      problems.push({
        file, line: parsed.line, column: parsed.column, path: `[${parsed.index}].dataset.${field}`,
        summary: classification.status === "unknown-task" ? "Unknown task" : "Unknown benchmark",
        message: classification.reasons.join("; "), severity: "error", code: classification.status,
      });
    }
    return { parsed, ...classification };
  });
  const ok = !hasErrors(problems) && entries.every((e) => e.status === "valid");
  return { ok, problems, entries };
}

/** The dataset ids the well-formed entries of these files name. */
export function datasetIdsOf(files: readonly { entries: readonly ParsedResultEntry[] }[]): string[] {
  const ids = new Set<string>();
  for (const f of files) for (const e of f.entries) if (e.entry) ids.add(e.entry.dataset.id);
  return [...ids];
}
