import type { Kysely } from "kysely";
import type { Database } from "../schema.ts";

/** A results row of a public model with its repository's name and whether it is hidden now. */
export interface ExportResultRow {
  id: number;
  namespace: string;
  name: string;
  ref: string;
  pr_num: number | null;
  commit: string;
  file_path: string;
  entry_index: number;
  line: number;
  content_hash: string;
  dataset_id: string | null;
  task_id: string | null;
  value: number | null;
  date: string;
  status: string;
  verified: number;
  verify_issuer: string | null;
  source_url: string | null;
  notes: string | null;
  evidence_status: string | null;
  setup: string | null;
  raw: string;
  hidden: number;
}

/** One page of results of public repositories after `afterId`, in id order (keyset paging: constant cost per page). */
export async function resultsPage(db: Kysely<Database>, afterId: number, limit: number): Promise<ExportResultRow[]> {
  const rows = await db
    .selectFrom("results as r")
    .innerJoin("repos", "repos.id", "r.repo_id")
    .leftJoin("hidden_entries as h", (join) =>
      join.onRef("h.repo_id", "=", "r.repo_id").onRef("h.ref", "=", "r.ref").onRef("h.file_path", "=", "r.file_path").onRef("h.content_hash", "=", "r.content_hash"))
    .select([
      "r.id", "repos.namespace", "repos.name", "r.ref", "r.pr_num", "r.commit", "r.file_path", "r.entry_index", "r.line", "r.content_hash", "r.dataset_id",
      "r.task_id", "r.value", "r.date", "r.status", "r.verified", "r.verify_issuer", "r.source_url", "r.notes", "r.evidence_status", "r.setup", "r.raw", "h.moderation_id",
    ])
    .where("repos.private", "=", 0)
    .where("r.id", ">", afterId)
    .orderBy("r.id")
    .limit(limit)
    .execute();
  return rows.map(({ moderation_id, ...row }) => ({ ...row, hidden: moderation_id === null ? 0 : 1 }));
}

/** How many rows `resultsPage` pages through (for progress). */
export async function countExportableResults(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom("results as r").innerJoin("repos", "repos.id", "r.repo_id").select((eb) => eb.fn.countAll<number | string>().as("n")).where("repos.private", "=", 0).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface HistoryExportRow {
  id: number;
  identity: string;
  change: string;
  dataset_key: string;
  task_id: string;
  snapshot: string;
  namespace: string;
  name: string;
}

/**
 * One page of history events of public repositories at or before `asOf`, ordered by score identity then id, after
 * the (identity, id) given: a caller keeps the last event of each identity to know each score as it was then.
 */
export async function historyPage(db: Kysely<Database>, asOf: string, after: { identity: string; id: number } | null, limit: number): Promise<HistoryExportRow[]> {
  let query = db
    .selectFrom("result_history as e")
    .innerJoin("repos", "repos.id", "e.repo_id")
    .select(["e.id", "e.identity", "e.change", "e.dataset_key", "e.task_id", "e.snapshot", "repos.namespace", "repos.name"])
    .where("repos.private", "=", 0)
    .where("e.at", "<=", asOf);
  if (after !== null) {
    query = query.where((eb) => eb.or([eb("e.identity", ">", after.identity), eb.and([eb("e.identity", "=", after.identity), eb("e.id", ">", after.id)])]));
  }
  return query.orderBy("e.identity").orderBy("e.id").limit(limit).execute();
}

/** Entries hidden at `asOf` (the last moderation action on them then was a hide), keyed `repo|ref|file|hash`. */
export async function hiddenKeysAt(db: Kysely<Database>, asOf: string): Promise<Set<string>> {
  const actions = await db.selectFrom("moderation").select(["repo_id", "ref", "file_path", "content_hash", "action"]).where("at", "<=", asOf).orderBy("at").orderBy("id").execute();
  const last = new Map<string, string>();
  for (const a of actions) last.set(`${a.repo_id}|${a.ref}|${a.file_path}|${a.content_hash}`, a.action);
  return new Set([...last].filter(([, action]) => action === "hide").map(([key]) => key));
}
