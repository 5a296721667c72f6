import type { Problem } from "../problems.ts";
import { asRecord, asString, type JsonRecord } from "./inspect-fields.ts";
import { logProblem } from "./inspect-problem.ts";
import type { LogMetric } from "./normalised.ts";

/** A metric as the log holds it, before non-finite values are dropped. */
interface RawMetric {
  scorer: string;
  name: string;
  /** `null` when the log has no number here (absent, or NaN written as null). */
  value: number | null;
  stderr: number | undefined;
  /** Index of the score it belongs to in `results.scores`. */
  scoreIndex: number;
  path: string;
}

interface ScoreView {
  name: string;
  reducer: string | undefined;
  metrics: JsonRecord;
  path: string;
}

export interface MetricSelection {
  metrics: LogMetric[];
  headline: LogMetric | null;
  problems: Problem[];
}

/**
 * Every metric of every score in `results`, in log order, and the headline: the metric the caller names
 * (`name` or `scorer/name`) or else Inspect's own rule, the first metric of the first score.
 *
 * The scorer of each metric is the score's `name`. When one score appears once per epoch reducer (same
 * name, several `reducer`s), the scorer becomes `name@reducer` so every `scorer/name` stays unique.
 * A metric whose value is NaN, infinite or missing is left out with a warning.
 */
export function selectMetrics(results: JsonRecord | undefined, file: string, requested: string | undefined): MetricSelection {
  const problems: Problem[] = [];
  const raw = rawMetrics(results);
  const metrics: LogMetric[] = [];
  const usable = new Map<RawMetric, LogMetric>();
  for (const entry of raw) {
    if (entry.value === null) {
      problems.push(
        logProblem(file, "metric-not-finite", "Metric has no value", `metric ${entry.scorer}/${entry.name} has no finite value; it is left out`, {
          path: entry.path,
          severity: "warning",
        }),
      );
      continue;
    }
    const metric: LogMetric = { scorer: entry.scorer, name: entry.name, value: entry.value };
    if (entry.stderr !== undefined) metric.stderr = entry.stderr;
    metrics.push(metric);
    usable.set(entry, metric);
  }

  let chosen: RawMetric | undefined;
  if (requested === undefined) {
    chosen = raw.find((entry) => entry.scoreIndex === 0);
  } else {
    chosen = raw.find((entry) => entry.name === requested || `${entry.scorer}/${entry.name}` === requested);
    if (chosen === undefined) problems.push(unknownMetric(file, requested, raw));
  }
  return { metrics, headline: chosen === undefined ? null : (usable.get(chosen) ?? null), problems };
}

function unknownMetric(file: string, requested: string, raw: readonly RawMetric[]): Problem {
  const available = raw.map((entry) => `${entry.scorer}/${entry.name}`);
  const list = available.length === 0 ? "the log has no metrics" : `available: ${available.join(", ")}`;
  return logProblem(file, "unknown-metric", "Unknown metric", `metric "${requested}" is not in this log; ${list}`, {
    path: "results.scores",
  });
}

function rawMetrics(results: JsonRecord | undefined): RawMetric[] {
  const scores = scoreViews(results);
  const nameCounts = new Map<string, number>();
  for (const score of scores) nameCounts.set(score.name, (nameCounts.get(score.name) ?? 0) + 1);

  const out: RawMetric[] = [];
  scores.forEach((score, scoreIndex) => {
    const shared = (nameCounts.get(score.name) ?? 0) > 1 && score.reducer !== undefined;
    const scorer = shared ? `${score.name}@${score.reducer}` : score.name;
    const stderr = finite(metricValue(score.metrics["stderr"]));
    for (const [key, metric] of Object.entries(score.metrics)) {
      out.push({
        scorer,
        name: key,
        value: finite(metricValue(metric)),
        stderr: key === "stderr" ? undefined : (stderr ?? undefined),
        scoreIndex,
        path: `${score.path}.metrics.${key}.value`,
      });
    }
  });
  return out;
}

/** `results.scores`, or the single `results.scorer` + `results.metrics` of the oldest logs. */
function scoreViews(results: JsonRecord | undefined): ScoreView[] {
  if (results === undefined) return [];
  if (Array.isArray(results["scores"])) {
    return results["scores"].flatMap((item: unknown, index) => {
      const score = asRecord(item);
      if (score === undefined) return [];
      return [
        {
          name: asString(score["name"]) ?? asString(score["scorer"]) ?? `score${index}`,
          reducer: asString(score["reducer"]),
          metrics: asRecord(score["metrics"]) ?? {},
          path: `results.scores[${index}]`,
        },
      ];
    });
  }
  const scorer = asRecord(results["scorer"]);
  const metrics = asRecord(results["metrics"]);
  if (scorer === undefined || metrics === undefined) return [];
  return [{ name: asString(scorer["name"]) ?? "score0", reducer: undefined, metrics, path: "results" }];
}

function metricValue(metric: unknown): unknown {
  return typeof metric === "number" ? metric : asRecord(metric)?.["value"];
}

function finite(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
