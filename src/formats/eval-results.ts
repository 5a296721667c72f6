import { RESULT_KEYS, resultEntrySchema, type ResultEntry } from "./eval-results-schema.ts";
import type { FormatLimits } from "./limits.ts";
import { formatPath, sortProblems, type PathSegment, type Problem } from "./problems.ts";
import { parseYamlSafe, type ParsedYaml } from "./safe-yaml.ts";
import { problemsFromIssues, unknownKey, type IssueContext } from "./zod-problems.ts";

export type { ResultEntry };

export interface ParsedResultEntry {
  /** Position in the file's list (0-based). */
  index: number;
  line: number;
  column: number;
  /** The entry as written (after YAML parsing). */
  raw: unknown;
  /** The normalised entry, or null when it has errors. */
  entry: ResultEntry | null;
  /** This entry's problems (errors make it `invalid`; warnings do not). */
  problems: Problem[];
}

export interface EvalResultsFile {
  entries: ParsedResultEntry[];
  /** Every problem of the file, entries' included, in file order. */
  problems: Problem[];
}

export interface EvalResultsOptions {
  file?: string;
  limits?: Partial<FormatLimits>;
}

const HINTS: Record<string, string> = {
  verify_token: "`verify_token` is not read; the key is `verifyToken`",
  evaluation_framework: "`evaluation_framework` belongs in the benchmark's eval.yaml, not in a result",
};

/** Validates a model's `.eval_results/*.yaml` file, entry by entry. */
export function validateEvalResults(input: string | Uint8Array, options: EvalResultsOptions = {}): EvalResultsFile {
  const file = options.file ?? "results.yaml";
  const yaml = parseYamlSafe(input, file, options.limits);
  if (yaml.problems.length > 0) return { entries: [], problems: yaml.problems };

  const fileProblems: Problem[] = [];
  const fileProblem = (message: string, severity: Problem["severity"], code: string, summary: string) =>
    fileProblems.push({ file, line: 1, column: 1, path: "", summary, message, severity, code });

  let items: unknown[];
  let wrapped = false;
  if (Array.isArray(yaml.value)) {
    items = yaml.value;
    if (items.length === 0) fileProblem("the file lists no result entries", "warning", "empty", "No entries");
  } else if (yaml.value !== null && typeof yaml.value === "object") {
    items = [yaml.value];
    wrapped = true;
    fileProblem("expected a list of result entries (each starting with `- dataset:`); the single mapping is read as one entry", "warning", "single-mapping", "Not a list");
  } else {
    items = [];
    fileProblem("expected a list of result entries, each with dataset.id, dataset.task_id and value", "error", "invalid-type", "Invalid input");
  }

  const entries = items.map((raw, index) => checkEntry(raw, index, wrapped ? [] : [index], yaml, file));
  const problems = sortProblems([...fileProblems, ...entries.flatMap((e) => e.problems)]);
  return { entries, problems };
}

function checkEntry(raw: unknown, index: number, base: PathSegment[], yaml: ParsedYaml, file: string): ParsedResultEntry {
  const pos = yaml.locate(base);
  const ctx: IssueContext = { file, yaml, base, knownKeys: (path) => RESULT_KEYS[path.slice(base.length).join(".")] ?? [] };
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    const problem: Problem = {
      file, ...pos, path: formatPath(base), summary: "Invalid input", severity: "error", code: "invalid-type",
      message: "each result entry must be a mapping with dataset, value and optional date, source, notes",
    };
    return { index, ...pos, raw, entry: null, problems: [problem] };
  }
  const parsed = resultEntrySchema.safeParse(raw);
  const problems = parsed.success ? [] : problemsFromIssues(parsed.error.issues, ctx);
  problems.push(...unknownKeys(raw as Record<string, unknown>, base, ctx));
  return { index, ...pos, raw, entry: parsed.success ? parsed.data : null, problems: sortProblems(problems) };
}

function unknownKeys(entry: Record<string, unknown>, base: PathSegment[], ctx: IssueContext): Problem[] {
  const out: Problem[] = [];
  const scan = (obj: unknown, rel: string[]) => {
    if (obj === null || typeof obj !== "object" || Array.isArray(obj)) return;
    const known = RESULT_KEYS[rel.join(".")] ?? [];
    for (const key of Object.keys(obj)) {
      if (!known.includes(key)) out.push(unknownKey(ctx, [...base, ...rel], key, "warning", Object.hasOwn(HINTS, key) ? HINTS[key] : undefined));
    }
  };
  scan(entry, []);
  scan(entry.dataset, ["dataset"]);
  scan(entry.source, ["source"]);
  scan(entry.evidence, ["evidence"]);
  scan(entry.setup, ["setup"]);
  scan((entry.setup as Record<string, unknown> | undefined)?.harness, ["setup", "harness"]);
  return out;
}
