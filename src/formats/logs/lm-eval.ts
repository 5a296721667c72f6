import { withLimits, type FormatLimits } from "../limits.ts";
import type { Problem } from "../problems.ts";
import { chooseHeadline, missingMetricProblems } from "./headline.ts";
import { parseLogDocument, type DocumentResult } from "./inspect-document.ts";
import { asCount, asRecord, asString, type JsonRecord } from "./inspect-fields.ts";
import { logProblem } from "./inspect-problem.ts";
import type { LogMetric, LogReadOptions, LogReadResult, NormalisedLog } from "./normalised.ts";

export type ResultsReadOptions = LogReadOptions & { limits?: Partial<FormatLimits> };

/** NormalisedLog has no few-shot field yet; the results readers record it alongside. */

const HUB_ID = /^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*$/;

/**
 * Reads an lm-evaluation-harness (0.4 or later) `results_*.json`: one log per task.
 *
 * Groups count as tasks: their rows (in `results`, and in `groups` when only there) carry the
 * aggregate score leaderboards usually report, e.g. `mmlu`. Rows without scores, such as the
 * `{" ": " ", "alias": ...}` placeholders of groups that aggregate nothing, are skipped.
 */
export function readLmEvalResults(input: string | Uint8Array, opts: ResultsReadOptions): LogReadResult {
  const { file } = opts;
  const parsed = parseResultsJson(input, opts);
  if (!parsed.ok) return { logs: [], problems: [parsed.problem] };

  const root = asRecord(parsed.value);
  const results = asRecord(root?.["results"]);
  if (root === undefined || results === undefined) {
    const message = "expected lm-evaluation-harness results: a JSON object with a `results` object keyed by task";
    return { logs: [], problems: [logProblem(file, "not-lm-eval-results", "Not lm-eval results", message)] };
  }

  const problems: Problem[] = [];
  const rows = new Map<string, JsonRecord>();
  for (const section of ["results", "groups"]) {
    for (const [task, row] of Object.entries(asRecord(root[section]) ?? {})) {
      const record = asRecord(row);
      if (record !== undefined && !rows.has(task)) rows.set(task, record);
    }
  }

  const model = modelName(root);
  const created = startTime(root["date"]);
  const logs: NormalisedLog[] = [];
  for (const [task, row] of rows) {
    const metrics = taskMetrics(row, task, file, problems);
    if (metrics.length === 0) continue;
    logs.push({
      framework: "lm-eval",
      task,
      dataset: hubId(asRecord(asRecord(root["configs"])?.[task])?.["dataset_path"]),
      model,
      status: "success",
      created,
      samples: scoredSamples(asRecord(root["n-samples"])?.[task], task, file, problems),
      metrics,
      headline: chooseHeadline(metrics, opts.metric),
      fewShot: asCount(asRecord(root["n-shot"])?.[task]) ?? null,
    });
  }
  if (logs.length === 0) {
    const message = "no task in `results` has scores keyed `metric,filter` (files of lm-eval before 0.4 are not read)";
    problems.push(logProblem(file, "no-scores", "No scores", message, { path: "results" }));
  }
  problems.push(...missingMetricProblems(logs, opts.metric, file, { file: { path: "results" }, of: (log) => ({ path: `results.${log.task ?? ""}` }) }));
  return { logs, problems };
}

/**
 * Parses a results file as Python's `json.dumps` writes it (bare `NaN` allowed), within the size
 * limit. Shared by the lm-eval and lighteval readers.
 */
export function parseResultsJson(input: string | Uint8Array, opts: ResultsReadOptions): DocumentResult {
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  const limits = withLimits(opts.limits);
  if (bytes.length > limits.maxLogBytes) {
    const message = `the file is ${bytes.length} bytes, more than the ${limits.maxLogBytes}-byte limit`;
    return { ok: false, problem: logProblem(opts.file, "log-too-large", "File too large", message) };
  }
  return parseLogDocument(bytes, opts.file);
}

/** Scores are keyed `metric,filter`; their stderr is `metric_stderr,filter`, a number or "N/A". Other keys are metadata. */
function taskMetrics(row: JsonRecord, task: string, file: string, problems: Problem[]): LogMetric[] {
  const metrics: LogMetric[] = [];
  for (const [key, value] of Object.entries(row)) {
    const comma = key.indexOf(",");
    if (comma === -1) continue;
    const name = key.slice(0, comma);
    const filter = key.slice(comma + 1);
    if (name.endsWith("_stderr")) continue;
    if (typeof value !== "number" || !Number.isFinite(value)) {
      const message = `${key} of task ${task} is ${typeof value === "number" ? String(value) : JSON.stringify(value)}, not a finite number; it is left out`;
      problems.push(logProblem(file, "metric-not-finite", "Metric has no value", message, { path: `results.${task}`, severity: "warning" }));
      continue;
    }
    const metric: LogMetric = { scorer: filter, name, value };
    const stderr = row[`${name}_stderr,${filter}`];
    if (typeof stderr === "number" && Number.isFinite(stderr)) metric.stderr = stderr;
    metrics.push(metric);
  }
  return metrics;
}

/** `model_name` when written (recent versions), else the `pretrained=` (or `model=`) model argument. */
function modelName(root: JsonRecord): string | null {
  const named = asString(root["model_name"]);
  if (named !== undefined && named !== "") return named;
  const args = asRecord(root["config"])?.["model_args"];
  if (typeof args === "string") return /(?:^|,)\s*(?:pretrained|model)=([^,]+)/.exec(args)?.[1]?.trim() ?? null;
  const record = asRecord(args);
  return asString(record?.["pretrained"]) ?? asString(record?.["model"]) ?? null;
}

/** `date` is the UNIX time the run started, in seconds. */
function startTime(date: unknown): string | null {
  if (typeof date !== "number" || !Number.isFinite(date)) return null;
  const time = new Date(date * 1000);
  return Number.isNaN(time.getTime()) ? null : time.toISOString();
}

function scoredSamples(counts: unknown, task: string, file: string, problems: Problem[]): number | null {
  const record = asRecord(counts);
  const effective = asCount(record?.["effective"]);
  const original = asCount(record?.["original"]);
  if (effective !== undefined && original !== undefined && effective < original) {
    const message = `task ${task} scored ${effective} of its ${original} documents (a --limit run), so it is not comparable to a full run`;
    problems.push(logProblem(file, "partial-run", "Partial run", message, { path: `n-samples.${task}`, severity: "warning" }));
  }
  return effective ?? null;
}

function hubId(path: unknown): string | null {
  return typeof path === "string" && HUB_ID.test(path) ? path : null;
}
