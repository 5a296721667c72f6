import { Document, Scalar, parse, visit } from "yaml";
import { normaliseDate } from "./dates.ts";
import { httpUrlSchema, type ResultEntry } from "./eval-results-schema.ts";
import { chooseHeadline, listMetrics, metricLabel } from "./logs/headline.ts";
import type { LogFramework, LogMetric, NormalisedLog } from "./logs/normalised.ts";
import type { Problem, Severity } from "./problems.ts";

/** Where the result goes on the Hub, and what to say about where it comes from. */
export interface EvalResultsTarget {
  datasetId: string;
  taskId: string;
  /** Publish this metric instead of the log's headline (`acc`, `acc,none`, `match/accuracy`). */
  metric?: string;
  sourceUrl?: string;
}

/** The results readers also record the few-shot count, which NormalisedLog does not carry yet. */
export type ConvertibleLog = NormalisedLog;

export interface EvalResultConversion {
  /** The entry, or null when the log cannot be published. */
  entry: ResultEntry | null;
  problems: Problem[];
}

const ORIGIN: Record<LogFramework, string> = {
  "inspect-ai": "Inspect log",
  "lm-eval": "lm-eval results",
  lighteval: "lighteval results",
  "model-index": "model card model-index",
};

/**
 * Turns one log into a `.eval_results` entry, keys in the Hub's order: dataset, value, date, source,
 * notes. Only a successful run with a headline metric can be published; anything else is refused
 * with a problem naming the log file.
 */
export function toEvalResultEntry(log: ConvertibleLog, target: EvalResultsTarget, file = "log"): EvalResultConversion {
  const problem = (code: string, summary: string, message: string, path = "", severity: Severity = "error"): Problem =>
    ({ file, line: 1, column: 1, path, summary, message, severity, code });
  const refuse = (...args: Parameters<typeof problem>): EvalResultConversion => ({ entry: null, problems: [problem(...args)] });

  if (log.status !== "success") {
    return refuse("run-not-successful", "Run not successful", `the run's status is ${log.status}; only a successful run can be published`, "status");
  }
  const headline = target.metric === undefined ? log.headline : chooseHeadline(log.metrics, target.metric);
  if (headline === null) {
    const asked = target.metric === undefined ? "the log has no headline metric" : `metric "${target.metric}" is not in the log`;
    return refuse("no-headline", "No headline metric", `${asked}; ${listMetrics(log)}`);
  }
  if (target.datasetId.trim() === "" || target.taskId.trim() === "") {
    return refuse("missing-target", "Missing target", "a dataset id and a task id are needed to place the result");
  }
  if (target.sourceUrl !== undefined && !httpUrlSchema.safeParse(target.sourceUrl).success) {
    return refuse("invalid-source-url", "Invalid source URL", `"${target.sourceUrl}" is not a well-formed http(s) URL`);
  }

  const problems: Problem[] = [];
  const entry: ResultEntry = { dataset: { id: target.datasetId, task_id: target.taskId }, value: headline.value };
  const date = log.created === null ? null : normaliseDate(log.created);
  if (date !== null) entry.date = date;
  else if (log.created !== null) problems.push(problem("invalid-date", "Date left out", `the log's time ${JSON.stringify(log.created)} is not an ISO 8601 date`, "created", "warning"));
  if (target.sourceUrl !== undefined) entry.source = { url: target.sourceUrl };
  entry.notes = conversionNotes(log, headline);
  return { entry, problems };
}

/** e.g. `Converted from lm-eval results: task gsm8k, metric exact_match,flexible-extract, 5-shot`. */
export function conversionNotes(log: ConvertibleLog, headline: LogMetric): string {
  const parts = [`metric ${metricLabel(headline, log.framework)}`];
  if (log.task !== null) parts.unshift(`task ${log.task}`);
  if (typeof log.fewShot === "number") parts.push(`${log.fewShot}-shot`);
  return `Converted from ${ORIGIN[log.framework]}: ${parts.join(", ")}`;
}

/**
 * The entries as a `.eval_results` YAML list. A string that a YAML 1.1 reader (the Hub's Python side)
 * or a 1.2 reader would take for something else — a date, a number, `yes`, `null` — is double-quoted.
 */
export function serialiseEvalResults(entries: readonly ResultEntry[]): string {
  const doc = new Document(entries);
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && !readsBackAsText(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc.toString({ lineWidth: 0 });
}

function readsBackAsText(text: string): boolean {
  return (["core", "yaml-1.1"] as const).every((schema) => {
    try {
      return parse(text, { schema, logLevel: "silent" }) === text;
    } catch {
      return false;
    }
  });
}
