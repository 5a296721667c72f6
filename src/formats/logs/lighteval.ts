import type { Problem } from "../problems.ts";
import { chooseHeadline, missingMetricProblems } from "./headline.ts";
import { asCount, asRecord, asString, type JsonRecord } from "./inspect-fields.ts";
import { logProblem } from "./inspect-problem.ts";
import { parseResultsJson, type ResultsReadOptions } from "./lm-eval.ts";
import type { LogMetric, LogReadResult, NormalisedLog } from "./normalised.ts";

/** NormalisedLog has no few-shot field yet; the results readers record it alongside. */

const HUB_ID = /^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*$/;
const STDERR_SUFFIX = "_stderr";

/**
 * Reads a lighteval `results_*.json`: one log per task key of `results`, in either key style
 * (`suite|task|fewshot` up to v0.10, `task|fewshot` since). The log's task is the key without its
 * few-shot count, which is how `config_tasks` is keyed. The `all` row, an unweighted mean of every
 * metric over every task, describes no benchmark and is skipped; `task:_average|n` rows (the mean
 * over a task's subsets) are kept as tasks. lighteval records no wall-clock time, so `created` is null.
 */
export function readLightevalResults(input: string | Uint8Array, opts: ResultsReadOptions): LogReadResult {
  const { file } = opts;
  const parsed = parseResultsJson(input, opts);
  if (!parsed.ok) return { logs: [], problems: [parsed.problem] };

  const root = asRecord(parsed.value);
  const results = asRecord(root?.["results"]);
  if (root === undefined || results === undefined) {
    const message = "expected lighteval results: a JSON object with `config_general` and a `results` object keyed like `lighteval|gsm8k|0`";
    return { logs: [], problems: [logProblem(file, "not-lighteval-results", "Not lighteval results", message)] };
  }

  const problems: Problem[] = [];
  const model = modelName(asRecord(root["config_general"]));
  const logs: NormalisedLog[] = [];
  const keyOf = new Map<NormalisedLog, string>();
  for (const [key, row] of Object.entries(results)) {
    if (key === "all") continue;
    const metrics = taskMetrics(asRecord(row) ?? {}, key, file, problems);
    if (metrics.length === 0) continue;
    const { task, fewShot } = splitTaskKey(key);
    const config = asRecord(asRecord(root["config_tasks"])?.[task]);
    const log: NormalisedLog = {
      framework: "lighteval",
      task,
      dataset: hubId(config?.["hf_repo"]),
      model,
      status: "success",
      created: null,
      samples: scoredDocs(config, key, file, problems),
      metrics,
      headline: chooseHeadline(metrics, opts.metric),
      fewShot,
    };
    logs.push(log);
    keyOf.set(log, key);
  }
  if (logs.length === 0) {
    const message = "no task in `results` (besides `all`) has numeric scores";
    problems.push(logProblem(file, "no-scores", "No scores", message, { path: "results" }));
  }
  problems.push(...missingMetricProblems(logs, opts.metric, file, { file: { path: "results" }, of: (log) => ({ path: `results.${keyOf.get(log) ?? ""}` }) }));
  return { logs, problems };
}

/** `lighteval|gsm8k|5` → task `lighteval|gsm8k`, 5-shot; a key without a numeric last part is all task. */
function splitTaskKey(key: string): { task: string; fewShot: number | null } {
  const bar = key.lastIndexOf("|");
  const last = key.slice(bar + 1);
  if (bar === -1 || !/^\d+$/.test(last)) return { task: key, fewShot: null };
  return { task: key.slice(0, bar), fewShot: Number(last) };
}

/** Every `name` with a number, paired with its `name_stderr` when that is a finite number (NaN when not computable). */
function taskMetrics(row: JsonRecord, key: string, file: string, problems: Problem[]): LogMetric[] {
  const metrics: LogMetric[] = [];
  for (const [name, value] of Object.entries(row)) {
    if (name.endsWith(STDERR_SUFFIX)) continue;
    if (typeof value !== "number" || !Number.isFinite(value)) {
      const message = `${name} of ${key} is ${typeof value === "number" ? String(value) : JSON.stringify(value)}, not a finite number; it is left out`;
      problems.push(logProblem(file, "metric-not-finite", "Metric has no value", message, { path: `results.${key}`, severity: "warning" }));
      continue;
    }
    const metric: LogMetric = { name, value };
    const stderr = row[`${name}${STDERR_SUFFIX}`];
    if (typeof stderr === "number" && Number.isFinite(stderr)) metric.stderr = stderr;
    metrics.push(metric);
  }
  return metrics;
}

function modelName(general: JsonRecord | undefined): string | null {
  const named = asString(general?.["model_name"]) ?? asString(asRecord(general?.["model_config"])?.["model_name"]);
  return named === undefined || named === "" ? null : named;
}

function scoredDocs(config: JsonRecord | undefined, key: string, file: string, problems: Problem[]): number | null {
  const effective = asCount(config?.["effective_num_docs"]);
  const original = asCount(config?.["original_num_docs"]);
  if (effective !== undefined && original !== undefined && effective < original) {
    const message = `${key} scored ${effective} of its ${original} documents (max_samples was set), so it is not comparable to a full run`;
    problems.push(logProblem(file, "partial-run", "Partial run", message, { path: `results.${key}`, severity: "warning" }));
  }
  return effective ?? null;
}

function hubId(repo: unknown): string | null {
  return typeof repo === "string" && HUB_ID.test(repo) ? repo : null;
}
