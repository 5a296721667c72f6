import { createHash } from "node:crypto";
import type { Insertable } from "kysely";
import type { ResultsTable } from "../../db/schema-results.ts";
import { canonicalJson } from "../../formats/canonical-json.ts";
import { classifyEntry, type BenchmarkRegistry } from "../../formats/classify.ts";
import { validateEvalResults, type EvalResultsFile } from "../../formats/eval-results.ts";
import type { TrustSet } from "../../formats/trust/trusted-keys.ts";
import { verifyEntry } from "../../formats/trust/verify-entry.ts";
import type { Verification } from "../../formats/trust/verify-result.ts";

export type ResultRow = Insertable<ResultsTable>;

export interface RefSnapshot {
  repoId: number;
  ref: string;
  prNum: number | null;
  commit: string;
  /** Committer time of `commit`, ISO 8601: an entry's date when it has none. */
  commitTime: string;
}

export interface ResultsFile {
  path: string;
  bytes: Uint8Array;
}

export const RESULTS_DIR = ".eval_results/";

/** `.eval_results/**.yaml` and `.yml`, at any depth below the folder. */
export const isResultsPath = (path: string) => path.startsWith(RESULTS_DIR) && /\.ya?ml$/i.test(path);

export function parseResultsFiles(files: readonly ResultsFile[]): { path: string; parsed: EvalResultsFile }[] {
  return files.map((f) => ({ path: f.path, parsed: validateEvalResults(f.bytes, { file: f.path }) }));
}

export function contentHash(raw: unknown): string {
  let text: string;
  try {
    text = canonicalJson(raw);
  } catch {
    text = JSON.stringify(raw) ?? "null";
  }
  return createHash("sha256").update(text).digest("hex");
}

/** What verifyTokens are checked against: the model the entries belong to and the keys trusted now. */
export interface VerifyContext {
  model: string;
  trust: TrustSet;
}

const NOT_CHECKED: Verification = { verified: false, reason: null, issuer: null };

/** The index rows of one ref: every entry of every results file, classified against the registry and, with `verify`, verified. A pure function. */
export function resultRows(snapshot: RefSnapshot, files: readonly { path: string; parsed: EvalResultsFile }[], registry: BenchmarkRegistry, verify?: VerifyContext): ResultRow[] {
  const rows: ResultRow[] = [];
  for (const { path, parsed } of files) {
    if (parsed.entries.length === 0 && parsed.problems.some((p) => p.severity === "error")) {
      rows.push(fileLevelRow(snapshot, path, parsed));
      continue;
    }
    for (const entry of parsed.entries) {
      const classification = classifyEntry(entry, registry);
      const data = entry.entry;
      const rawDataset = (entry.raw as { dataset?: { id?: unknown; task_id?: unknown } } | null)?.dataset;
      const datasetId = data?.dataset.id ?? (typeof rawDataset?.id === "string" ? rawDataset.id : null);
      const taskId = data?.dataset.task_id ?? (typeof rawDataset?.task_id === "string" ? rawDataset.task_id : null);
      const rawValue = (entry.raw as { value?: unknown } | null)?.value;
      const verification = verify ? verifyEntry(entry, verify.model, verify.trust) : NOT_CHECKED;
      rows.push({
        repo_id: snapshot.repoId,
        ref: snapshot.ref,
        pr_num: snapshot.prNum,
        commit: snapshot.commit,
        file_path: path,
        entry_index: entry.index,
        line: entry.line,
        content_hash: contentHash(entry.raw),
        dataset_id: datasetId,
        dataset_key: datasetId?.toLowerCase() ?? null,
        task_id: taskId,
        value: data?.value ?? (typeof rawValue === "number" && Number.isFinite(rawValue) ? rawValue : null),
        date: data?.date ?? snapshot.commitTime,
        date_from_entry: data?.date ? 1 : 0,
        source_url: data?.source?.url ?? null,
        notes: data?.notes ?? null,
        status: classification.status,
        reasons: JSON.stringify(classification.reasons),
        suggestions: JSON.stringify(classification.suggestions),
        verified: verification.verified ? 1 : 0,
        verify_reason: verification.reason,
        verify_issuer: verification.issuer,
        raw: JSON.stringify(entry.raw ?? null),
      });
    }
  }
  return rows;
}

/** Whether any row of the file takes its date from the snapshot (an invalid file, an entry without a date): only those need the file's time. */
export function usesCommitTime(parsed: EvalResultsFile): boolean {
  if (parsed.entries.length === 0) return parsed.problems.some((p) => p.severity === "error");
  return parsed.entries.some((entry) => (entry.entry?.date ?? null) === null);
}

/** A file that could not be read as entries at all (YAML error, not a list) still shows on the model page. */
function fileLevelRow(snapshot: RefSnapshot, path: string, parsed: EvalResultsFile): ResultRow {
  const errors = parsed.problems.filter((p) => p.severity === "error");
  return {
    repo_id: snapshot.repoId, ref: snapshot.ref, pr_num: snapshot.prNum, commit: snapshot.commit, file_path: path,
    entry_index: -1, line: errors[0]?.line ?? 1, content_hash: contentHash(null), dataset_id: null, dataset_key: null, task_id: null,
    value: null, date: snapshot.commitTime, date_from_entry: 0, source_url: null, notes: null, status: "invalid",
    reasons: JSON.stringify(errors.map((p) => `${p.line}:${p.column} ${p.summary}: ${p.message}`)), suggestions: "[]",
    verified: 0, verify_reason: null, raw: "null",
  };
}
