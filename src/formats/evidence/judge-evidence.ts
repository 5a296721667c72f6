import type { ResultEntry } from "../eval-results-schema.ts";
import { chooseHeadline, listMetrics, metricLabel } from "../logs/headline.ts";
import type { NormalisedLog, RunStatus } from "../logs/normalised.ts";
import { MAX_EVIDENCE_BYTES, type EvidenceFile } from "./evidence-file.ts";
import type { EvidenceLocation } from "./evidence-location.ts";
import { datasetAgrees, modelAgrees, taskMatch } from "./names-agree.ts";
import { compareValues } from "./values-agree.ts";

export type EvidenceStatus = "log-checked" | "mismatch" | "unusable";

export interface EvidenceVerdict {
  status: EvidenceStatus;
  /** What was checked, or exactly what disagrees, or why the log cannot count. */
  detail: string;
  path: string;
  /** SHA-256 of the log file, whenever it was read. */
  sha256: string | null;
  /** For a checked log: the value's standard error and the samples scored, as the log gives them, in the entry's unit. */
  stderr: number | null;
  samples: number | null;
}

export interface EvidenceClaim {
  entry: ResultEntry;
  /** `namespace/name` of the model repository holding the entry. */
  modelId: string;
  location: EvidenceLocation;
  /** The metric the benchmark task names in its eval.yaml, if any. */
  taskMetric?: string;
  /** The commit the entry and the log were read at. */
  commit: string;
}

const NOT_FINISHED: Record<Exclude<RunStatus, "success">, string> = {
  started: "the run has not finished",
  cancelled: "the run was cancelled",
  error: "the run failed",
  unknown: "the log does not say the run finished",
};

const show = (value: number) => String(Number(value.toPrecision(6)));

/** Whether a log backs an entry's value: a pure function of the entry, the log's bytes and the task's metric. */
export function judgeEvidence(claim: EvidenceClaim, file: EvidenceFile): EvidenceVerdict {
  const { location, entry } = claim;
  const verdict = (status: EvidenceStatus, detail: string, sha256: string | null = null): EvidenceVerdict =>
    ({ status, detail, path: location.path, sha256, stderr: null, samples: null });
  switch (file.kind) {
    case "missing":
      return verdict("unusable", `${location.path} is not a file at commit ${claim.commit.slice(0, 12)}`);
    case "unsafe-path":
      return verdict("unusable", `${location.path} is not a path inside the repository`);
    case "too-large":
      return verdict("unusable", `${location.path} is ${file.size} bytes, over the ${MAX_EVIDENCE_BYTES}-byte limit for evidence logs`);
    case "over-limit":
      return verdict("unusable", `${location.path} was not read: the commit points at more than ${file.limit} evidence logs`);
    case "lfs-pointer":
      return verdict("unusable", `${location.path} is a Git LFS pointer, not the log (this hub keeps no LFS objects)`, file.sha256);
  }
  const { sha256, result } = file;
  if (location.sha256 !== null && location.sha256 !== sha256) {
    return verdict("mismatch", `log SHA-256 ${sha256.slice(0, 12)}… ≠ evidence.sha256 ${location.sha256.slice(0, 12)}…`, sha256);
  }
  const log = pickLog(result.logs, entry);
  if (log === null) {
    const error = result.problems.find((p) => p.severity === "error");
    if (result.logs.length === 0) return verdict("unusable", error ? `${error.summary}: ${error.message}` : "the file holds no evaluation result", sha256);
    const tasks = result.logs.map((l) => l.task ?? "(unnamed)").join(", ");
    return verdict("mismatch", `log holds tasks ${tasks}; none is task ${entry.dataset.task_id} of ${entry.dataset.id}`, sha256);
  }
  if (log.status !== "success") return verdict("unusable", `${NOT_FINISHED[log.status]} (status ${log.status}); only a successful run counts as evidence`, sha256);
  const partial = result.problems.find((p) => p.code === "partial-run" && (log.task === null || p.message.includes(log.task)));
  if (partial) return verdict("unusable", partial.message, sha256);

  const named = entry.setup?.metric ?? claim.taskMetric;
  const metric = named === undefined ? log.headline : chooseHeadline(log.metrics, named);
  if (metric === null) {
    return named === undefined ? verdict("unusable", "the log has no scores", sha256) : verdict("mismatch", `log has no metric ${named}; ${listMetrics(log)}`, sha256);
  }
  const label = named === undefined ? `headline ${metric.name}` : `metric ${metricLabel(metric, log.framework)}`;
  const mismatches: string[] = [];
  if (log.task !== null && taskMatch(log.task, entry.dataset.id, entry.dataset.task_id) < 0) {
    mismatches.push(`log task "${log.task}" is not task ${entry.dataset.task_id} of ${entry.dataset.id}`);
  }
  if (log.dataset !== null && !datasetAgrees(log.dataset, entry.dataset.id)) mismatches.push(`log dataset ${log.dataset} ≠ dataset.id ${entry.dataset.id}`);
  if (log.model !== null && !modelAgrees(log.model, claim.modelId)) mismatches.push(`log model "${log.model}" is not ${claim.modelId}`);
  const values = compareValues(entry.value, metric.value);
  if (!values.equal) mismatches.push(`log ${label}=${show(metric.value)} ≠ claimed ${entry.value}`);
  if (mismatches.length > 0) return verdict("mismatch", mismatches.join("; "), sha256);

  const detail = [`log ${label}=${show(metric.value)} agrees with claimed ${entry.value}`, values.note].filter((s) => s !== undefined).join("; ");
  return { ...verdict("log-checked", detail, sha256), stderr: metric.stderr === undefined ? null : metric.stderr * values.factor, samples: log.samples };
}

/**
 * The log of the entry's task: the only one, else the one whose task name is closest to the entry's task
 * (see taskMatch), the shortest name among equals (a group's aggregate before its subtasks).
 */
function pickLog(logs: readonly NormalisedLog[], entry: ResultEntry): NormalisedLog | null {
  if (logs.length <= 1) return logs[0] ?? null;
  let best: { log: NormalisedLog; score: number } | null = null;
  for (const log of logs) {
    const score = log.task === null ? -1 : taskMatch(log.task, entry.dataset.id, entry.dataset.task_id);
    if (score < 0) continue;
    if (!best || score > best.score || (score === best.score && (log.task ?? "").length < (best.log.task ?? "").length)) best = { log, score };
  }
  return best?.log ?? null;
}
