import { splitFrontMatter } from "../front-matter.ts";
import type { FormatLimits } from "../limits.ts";
import { formatPath, sortProblems, type PathSegment, type Problem } from "../problems.ts";
import { parseYamlSafe, type Position } from "../safe-yaml.ts";
import { chooseHeadline, missingMetricProblems } from "./headline.ts";
import { asRecord, asString, type JsonRecord } from "./inspect-fields.ts";
import { logProblem, type ProblemPlace } from "./inspect-problem.ts";
import type { LogMetric, LogReadOptions, LogReadResult, NormalisedLog } from "./normalised.ts";

export type ModelIndexReadOptions = LogReadOptions & { limits?: Partial<FormatLimits> };

/** NormalisedLog has no few-shot field yet; the results readers record it alongside. */

const HUB_ID = /^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*$/;
const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads the `model-index` of a model card (README.md YAML front matter): one log per entry of
 * `model-index[].results[]`. The log's task is the dataset's pretty name (`MMLU (5-Shot)`), falling back
 * to its type, because `task.type` (`text-generation`) says what kind of task, not which benchmark. The
 * dataset id is `dataset.type` when it has the Hub's `org/name` shape. Values are kept as written (model
 * cards often give percentages). A result that cannot be read is left out with a warning. Problems
 * point at README lines: YAML positions are shifted by the opening `---` line.
 */
export function readModelIndex(readme: string | Uint8Array, opts: ModelIndexReadOptions): LogReadResult {
  const { file } = opts;
  const text = typeof readme === "string" ? readme : decodeUtf8(readme);
  if (text === null) return failed(logProblem(file, "invalid-encoding", "Invalid encoding", "the README is not valid UTF-8 text"));
  const front = splitFrontMatter(text);
  if (front.kind === "none") {
    const message = "the README has no YAML front matter (a first line `---`, the YAML, another `---` line), so no model-index";
    return failed(logProblem(file, "no-front-matter", "No front matter", message));
  }
  if (front.kind === "unclosed") {
    const message = "the front matter opened on line 1 is never closed by a `---` line";
    return failed(logProblem(file, "unclosed-front-matter", "Unclosed front matter", message));
  }

  const parsed = parseYamlSafe(front.yaml, file, opts.limits);
  const linesAbove = front.firstLine - 1;
  const shift = (pos: Position): Position => ({ line: pos.line + linesAbove, column: pos.column });
  if (parsed.problems.length > 0) return { logs: [], problems: parsed.problems.map((p) => ({ ...p, ...shift(p) })) };
  const place = (path: PathSegment[]): ProblemPlace => ({ ...shift(parsed.locate(path)), path: formatPath(path), severity: "warning" });

  const index = asRecord(parsed.value)?.["model-index"];
  if (index === undefined) {
    const message = "the front matter has no `model-index` (results may be in .eval_results/ instead)";
    return failed(logProblem(file, "no-model-index", "No model-index", message));
  }
  if (!Array.isArray(index)) {
    const message = "`model-index` must be a list of models, each with `name` and `results`";
    return failed(logProblem(file, "invalid-type", "Invalid input", message, { ...place(["model-index"]), severity: "error" }));
  }

  const problems: Problem[] = [];
  const warn = (path: PathSegment[], message: string) => problems.push(logProblem(file, "unreadable-result", "Result left out", message, place(path)));
  const logs: NormalisedLog[] = [];
  const metricsPath = new Map<NormalisedLog, PathSegment[]>();
  index.forEach((item: unknown, i) => {
    const model = asRecord(item);
    const results = model?.["results"];
    if (!Array.isArray(results)) {
      warn(["model-index", i, "results"], "each model-index entry needs a `results` list");
      return;
    }
    results.forEach((raw: unknown, j) => {
      const base = ["model-index", i, "results", j];
      const log = readResult(raw, base, asString(model?.["name"]) ?? null, opts.metric, warn);
      if (log === null) return;
      logs.push(log);
      metricsPath.set(log, [...base, "metrics"]);
    });
  });
  if (logs.length === 0) {
    problems.push(logProblem(file, "no-results", "No results", "the model-index has no result that can be read", { ...place(["model-index"]), severity: "error" }));
  }
  problems.push(...missingMetricProblems(logs, opts.metric, file, { file: place(["model-index"]), of: (log) => place(metricsPath.get(log) ?? ["model-index"]) }));
  return { logs, problems: sortProblems(problems) };
}

function readResult(
  raw: unknown,
  base: PathSegment[],
  model: string | null,
  requested: string | undefined,
  warn: (path: PathSegment[], message: string) => void,
): NormalisedLog | null {
  const result = asRecord(raw);
  const dataset = asRecord(result?.["dataset"]);
  if (dataset === undefined) {
    warn([...base, "dataset"], "the result has no `dataset` mapping; it is left out");
    return null;
  }
  const listed = result?.["metrics"];
  if (!Array.isArray(listed) || listed.length === 0) {
    warn([...base, "metrics"], "the result has no `metrics` list; it is left out");
    return null;
  }
  const metrics: LogMetric[] = [];
  listed.forEach((item: unknown, k) => {
    const metric = asRecord(item);
    const name = asString(metric?.["type"]);
    const value = numberOf(metric?.["value"]);
    if (name === undefined || name === "") {
      warn([...base, "metrics", k], "the metric has no `type` (its id, e.g. acc); it is left out");
    } else if (value === null) {
      warn([...base, "metrics", k, "value"], `the value of metric ${name} is ${JSON.stringify(metric?.["value"]) ?? "missing"}, not a number; it is left out`);
    } else {
      metrics.push({ name, value });
    }
  });
  if (metrics.length === 0) return null;
  const type = asString(dataset["type"]);
  return {
    framework: "model-index",
    task: asString(dataset["name"]) ?? type ?? null,
    dataset: type !== undefined && HUB_ID.test(type) ? type : null,
    model,
    status: "success",
    created: null,
    samples: null,
    metrics,
    headline: chooseHeadline(metrics, requested),
    fewShot: fewShotOf(asRecord(dataset["args"])),
  };
}

/** Numbers, and text that is only a number (authors sometimes quote them); `"20.0 ± 1.2"` is not. */
function numberOf(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && NUMBER_TEXT.test(value.trim())) return Number(value.trim());
  return null;
}

/** The Open LLM Leaderboard writes the few-shot count as `dataset.args.num_few_shot`. */
function fewShotOf(args: JsonRecord | undefined): number | null {
  const count = numberOf(args?.["num_few_shot"]);
  return count !== null && Number.isSafeInteger(count) && count >= 0 ? count : null;
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function failed(problem: Problem): LogReadResult {
  return { logs: [], problems: [problem] };
}
