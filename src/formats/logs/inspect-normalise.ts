import type { Problem } from "../problems.ts";
import { asCount, asRecord, asString, type JsonRecord } from "./inspect-fields.ts";
import { selectMetrics } from "./inspect-metrics.ts";
import { logProblem } from "./inspect-problem.ts";
import type { NormalisedLog, RunStatus } from "./normalised.ts";

/** The log schema version this reader was written against; it has stayed 2 since 2024. */
const KNOWN_LOG_VERSION = 2;

const HUB_REPO_ID = /^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*$/;
const HF_DATASET_URL = "hf://datasets/";

export interface NormaliseContext {
  file: string;
  metric?: string;
  /** Set for an `.eval` archive without `header.json`: the run never finished, whatever else it says. */
  unfinished?: boolean;
}

export interface NormaliseResult {
  log: NormalisedLog | null;
  problems: Problem[];
}

/** Maps a parsed Inspect `EvalLog` (or the `_journal/start.json` of an unfinished run) to the normalised shape. */
export function normaliseInspectLog(document: unknown, context: NormaliseContext): NormaliseResult {
  const { file } = context;
  const log = asRecord(document);
  const spec = asRecord(log?.["eval"]);
  if (log === undefined || spec === undefined) {
    const problem = logProblem(
      file,
      "not-inspect-log",
      "Not an Inspect log",
      "expected an Inspect AI evaluation log: a JSON object with an `eval` object (task, model, dataset, ...)",
    );
    return { log: null, problems: [problem] };
  }

  const problems: Problem[] = [];
  const version = log["version"];
  if (typeof version === "number" && version > KNOWN_LOG_VERSION) {
    problems.push(
      logProblem(file, "newer-log-version", "Newer log version", `log schema version ${version} is newer than ${KNOWN_LOG_VERSION}; fields may be missed`, {
        path: "version",
        severity: "warning",
      }),
    );
  }
  let status: RunStatus = "started";
  if (context.unfinished === true) problems.push(notSuccessful(file, "started", undefined));
  else status = runStatus(log, file, problems);
  const results = context.unfinished === true ? undefined : asRecord(log["results"]);
  const selection = selectMetrics(results, file, context.metric);
  problems.push(...selection.problems);
  if (selection.metrics.length === 0 && status !== "started") {
    problems.push(logProblem(file, "no-scores", "No scores", "the log has no scores", { path: "results.scores", severity: "warning" }));
  }
  if (log["invalidated"] === true) {
    problems.push(
      logProblem(file, "log-invalidated", "Log invalidated", "samples of this log were invalidated after the run", {
        path: "invalidated",
        severity: "warning",
      }),
    );
  }

  return {
    log: {
      framework: "inspect-ai",
      task: asString(spec["task"]) ?? null,
      dataset: datasetId(asRecord(spec["dataset"])),
      model: asString(spec["model"]) ?? null,
      status,
      created: createdAt(spec, file, problems),
      samples: asCount(results?.["completed_samples"]) ?? asCount(results?.["total_samples"]) ?? null,
      fewShot: null,
      metrics: selection.metrics,
      headline: selection.headline,
    },
    problems,
  };
}

function runStatus(log: JsonRecord, file: string, problems: Problem[]): RunStatus {
  const raw = log["status"];
  const status = raw === "success" || raw === "started" || raw === "cancelled" || raw === "error" ? raw : "unknown";
  if (status === "unknown") {
    const what = raw === undefined ? "the log has no status" : `status ${JSON.stringify(raw)} is not one Inspect writes`;
    problems.push(logProblem(file, "unknown-status", "Unknown status", `${what}; the run cannot count as evidence`, { path: "status", severity: "warning" }));
  } else if (status !== "success") {
    problems.push(notSuccessful(file, status, asString(asRecord(log["error"])?.["message"])));
  }
  return status;
}

function notSuccessful(file: string, status: "started" | "cancelled" | "error", errorMessage: string | undefined): Problem {
  const why = {
    started: "the run has not finished",
    cancelled: "the run was cancelled, so its results cover only part of it",
    error: `the run failed${errorMessage === undefined ? "" : ` (${errorMessage.split("\n")[0]})`}`,
  }[status];
  return logProblem(file, "run-not-successful", "Run not successful", `${why}; only a successful run counts as evidence`, {
    path: "status",
    severity: "warning",
  });
}

/**
 * The Hub dataset id, when the log records one. Inspect's `hf_dataset(path)` writes
 * `name = location = path` for a Hub dataset, but `name = <file stem>` when the path is local, so a
 * Hub id is taken only when `location` has the `org/name` shape and `name` equals it. A location of
 * the form `hf://datasets/org/name/...` (a file read from a Hub dataset) gives `org/name`. Anything else
 * (`example://...`, local files, builder names like `json`) is not a Hub dataset and gives `null`.
 */
function datasetId(dataset: JsonRecord | undefined): string | null {
  const location = asString(dataset?.["location"]);
  if (location === undefined) return null;
  if (location.startsWith(HF_DATASET_URL)) {
    const [org, repo] = location.slice(HF_DATASET_URL.length).split("/");
    const id = `${org ?? ""}/${(repo ?? "").split("@")[0] ?? ""}`;
    return HUB_REPO_ID.test(id) ? id : null;
  }
  return HUB_REPO_ID.test(location) && asString(dataset?.["name"]) === location ? location : null;
}

/**
 * `eval.created` as a UTC ISO 8601 time, like the other readers give. Early Inspect versions wrote
 * local times without an offset; those are read as UTC rather than in this server's time zone.
 */
function createdAt(spec: JsonRecord, file: string, problems: Problem[]): string | null {
  const created = asString(spec["created"]);
  if (created === undefined) return null;
  const withZone = /T.*(?:[zZ]|[+-]\d{2}:?\d{2})$/.test(created) || !created.includes("T") ? created : `${created}Z`;
  const time = Date.parse(withZone);
  if (!Number.isNaN(time)) return new Date(time).toISOString();
  problems.push(
    logProblem(file, "invalid-value", "Invalid input", `eval.created ${JSON.stringify(created)} is not a date and time`, {
      path: "eval.created",
      severity: "warning",
    }),
  );
  return null;
}
