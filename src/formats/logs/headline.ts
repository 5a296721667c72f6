import type { Problem } from "../problems.ts";
import { logProblem, type ProblemPlace } from "./inspect-problem.ts";
import type { LogFramework, LogMetric, NormalisedLog } from "./normalised.ts";

/** A metric as users write it: lm-eval's `metric,filter`, Inspect's `scorer/metric`, or the bare name. */
export function metricLabel(metric: LogMetric, framework: LogFramework): string {
  if (metric.scorer === undefined) return metric.name;
  return framework === "lm-eval" ? `${metric.name},${metric.scorer}` : `${metric.scorer}/${metric.name}`;
}

/** Whether `requested` names the metric: by its name alone, or with its scorer or filter in either spelling. */
export function namesMetric(requested: string, metric: LogMetric): boolean {
  if (requested === metric.name) return true;
  if (metric.scorer === undefined) return false;
  return requested === `${metric.name},${metric.scorer}` || requested === `${metric.scorer}/${metric.name}`;
}

/** The metric the caller asked for, else the first one (results files designate no primary metric). */
export function chooseHeadline(metrics: readonly LogMetric[], requested: string | undefined): LogMetric | null {
  if (requested === undefined) return metrics[0] ?? null;
  return metrics.find((metric) => namesMetric(requested, metric)) ?? null;
}

export function listMetrics(log: NormalisedLog): string {
  if (log.metrics.length === 0) return "it has no metrics";
  return `available: ${log.metrics.map((metric) => metricLabel(metric, log.framework)).join(", ")}`;
}

export interface MetricPlaces {
  /** Where a problem about the whole file points. */
  file: ProblemPlace;
  of(log: NormalisedLog): ProblemPlace;
}

/**
 * Problems for a requested metric that logs lack. When no log has it, that is one error (nothing in
 * the file can be converted as asked); when only some lack it, each gets a warning, since the caller
 * may want one of the others.
 */
export function missingMetricProblems(logs: readonly NormalisedLog[], requested: string | undefined, file: string, places: MetricPlaces): Problem[] {
  if (requested === undefined) return [];
  const lacking = logs.filter((log) => log.headline === null);
  if (lacking.length === 0) return [];
  const unknown = (message: string, place: ProblemPlace) => logProblem(file, "unknown-metric", "Unknown metric", message, place);
  if (lacking.length === logs.length && logs.length > 1) {
    const labels = new Set(logs.flatMap((log) => log.metrics.map((metric) => metricLabel(metric, log.framework))));
    const message = `metric "${requested}" is in none of the ${logs.length} tasks; available: ${[...labels].join(", ")}`;
    return [unknown(message, { ...places.file, severity: "error" })];
  }
  const severity = lacking.length === logs.length ? "error" : "warning";
  return lacking.map((log) => {
    const where = log.task === null ? "this result" : `task ${log.task}`;
    return unknown(`metric "${requested}" is not in ${where}; ${listMetrics(log)}`, { ...places.of(log), severity });
  });
}
