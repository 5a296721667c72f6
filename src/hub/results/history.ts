import type { Insertable, Selectable } from "kysely";
import type { ResultHistoryTable, ResultsTable } from "../../db/schema-results.ts";
import type { ResultRow } from "./result-rows.ts";

export type HistoryEvent = Insertable<ResultHistoryTable>;
type AnyRow = ResultRow | Selectable<ResultsTable>;

/** The fields of a row a past leaderboard needs, kept with each history event. */
export interface RowSnapshot {
  repoId: number;
  ref: string;
  prNum: number | null;
  commit: string;
  filePath: string;
  contentHash: string;
  value: number | null;
  status: string;
  verified: number;
  /** The issuer that verified it (absent in snapshots taken before signed results). */
  verifyIssuer?: string | null;
  date: string;
  notes: string | null;
  sourceUrl: string | null;
  /** The entry as written (JSON), for what past leaderboards show beyond the ranking fields. */
  raw: string;
}

export function snapshotOf(row: AnyRow): RowSnapshot {
  return {
    repoId: row.repo_id, ref: row.ref, prNum: row.pr_num ?? null, commit: row.commit, filePath: row.file_path, contentHash: row.content_hash,
    value: row.value ?? null, status: row.status, verified: row.verified, verifyIssuer: row.verify_issuer ?? null, date: row.date, notes: row.notes ?? null, sourceUrl: row.source_url ?? null,
    raw: row.raw,
  };
}

/** Keys each classifiable row by what it is a score for, so the same score is followed across commits. */
export function identities(rows: readonly AnyRow[]): Map<string, AnyRow> {
  const seen = new Map<string, number>();
  const out = new Map<string, AnyRow>();
  for (const row of rows) {
    if (row.dataset_key === null || row.dataset_key === undefined || row.task_id === null || row.task_id === undefined) continue;
    const base = `${row.repo_id}|${row.ref}|${row.file_path}|${row.dataset_key}|${row.task_id}`;
    const ordinal = seen.get(base) ?? 0;
    seen.set(base, ordinal + 1);
    out.set(`${base}|${ordinal}`, row);
  }
  return out;
}

const SAME_FIELDS = ["value", "status", "verified", "date", "notes", "source_url", "content_hash"] as const;

/** The changes between the rows a ref had and the rows it has now, stamped with `at`. */
export function historyEvents(before: readonly AnyRow[], after: readonly AnyRow[], at: string, commit: string): HistoryEvent[] {
  const old = identities(before);
  const now = identities(after);
  const events: HistoryEvent[] = [];
  for (const [identity, row] of now) {
    const prev = old.get(identity);
    const changed = prev && SAME_FIELDS.some((f) => (prev[f] ?? null) !== (row[f] ?? null));
    if (prev && !changed) continue;
    events.push({
      identity, repo_id: row.repo_id, ref: row.ref, dataset_key: row.dataset_key as string, task_id: row.task_id as string,
      change: prev ? "changed" : "added", value: row.value ?? null, previous_value: prev?.value ?? null, commit, at, snapshot: JSON.stringify(snapshotOf(row)),
    });
  }
  for (const [identity, row] of old) {
    if (now.has(identity)) continue;
    events.push({
      identity, repo_id: row.repo_id, ref: row.ref, dataset_key: row.dataset_key as string, task_id: row.task_id as string,
      change: "removed", value: null, previous_value: row.value ?? null, commit, at, snapshot: JSON.stringify(snapshotOf(row)),
    });
  }
  return events;
}
