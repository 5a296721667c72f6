import type { ExportResultRow, HistoryExportRow } from "../../db/queries/export-pages.ts";
import type { RowSnapshot } from "../results/history.ts";

/** One line of the export: an entry of a public model's `.eval_results`, on main or in an open pull request. */
export interface ExportRecord {
  model: string;
  ref: string;
  pull_request: number | null;
  commit: string;
  file: string;
  /** Position in the file and line (null in a past snapshot, which does not keep them). */
  entry_index: number | null;
  line: number | null;
  dataset: string | null;
  task: string | null;
  value: number | null;
  status: string;
  verified: boolean;
  verified_by: string | null;
  date: string;
  content_hash: string;
  hidden: boolean;
  evidence: string | null;
  notes: string | null;
  source_url: string | null;
  /** The entry as written. */
  data: unknown;
}

/** The CSV columns: every field but `data`, which stays in the JSONL. */
export const CSV_COLUMNS = [
  "model", "ref", "pull_request", "commit", "file", "entry_index", "line", "dataset", "task", "value", "status", "verified", "verified_by", "date",
  "content_hash", "hidden", "evidence", "notes", "source_url",
] as const satisfies readonly Exclude<keyof ExportRecord, "data">[];

export function recordOfRow(row: ExportResultRow): ExportRecord {
  return {
    model: `${row.namespace}/${row.name}`, ref: row.ref, pull_request: row.pr_num, commit: row.commit, file: row.file_path, entry_index: row.entry_index, line: row.line,
    dataset: row.dataset_id, task: row.task_id, value: row.value, status: row.status, verified: row.verified === 1, verified_by: row.verify_issuer, date: row.date,
    content_hash: row.content_hash, hidden: row.hidden === 1, evidence: row.evidence_status, notes: row.notes, source_url: row.source_url, data: parseRaw(row.raw),
  };
}

/** A score as its last history event at the snapshot time left it; null when that event removed it. */
export function recordOfEvent(event: HistoryExportRow, hiddenThen: ReadonlySet<string>): ExportRecord | null {
  if (event.change === "removed") return null;
  const s = JSON.parse(event.snapshot) as RowSnapshot;
  const data = parseRaw(s.raw);
  const datasetId = (data as { dataset?: { id?: unknown } } | null)?.dataset?.id;
  return {
    model: `${event.namespace}/${event.name}`, ref: s.ref, pull_request: s.prNum, commit: s.commit, file: s.filePath, entry_index: null, line: null,
    dataset: typeof datasetId === "string" ? datasetId : event.dataset_key, task: event.task_id, value: s.value, status: s.status, verified: s.verified === 1,
    verified_by: s.verifyIssuer ?? null, date: s.date, content_hash: s.contentHash, hidden: hiddenThen.has(`${s.repoId}|${s.ref}|${s.filePath}|${s.contentHash}`),
    evidence: null, notes: s.notes, source_url: s.sourceUrl, data,
  };
}

function parseRaw(raw: string | undefined): unknown {
  if (raw === undefined) return null;
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}
