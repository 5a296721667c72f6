import type { Kysely, Selectable } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { ResultsTable } from "../../db/schema-results.ts";
import { identities } from "./history.ts";

export interface ModelResult {
  row: Selectable<ResultsTable>;
  hidden: boolean;
  /** Every change of this score (same file, benchmark, task and position), oldest first. */
  history: { change: string; value: number | null; previousValue: number | null; commit: string; at: string }[];
}

/**
 * A model's results: every entry of main and of its open pull requests, with why each counts or not.
 * Hidden entries are left out unless asked for (repository writers see them, marked).
 */
export async function modelResults(db: Kysely<Database>, repoId: number, options: { includeHidden: boolean; withHistory: boolean }): Promise<ModelResult[]> {
  const rows = await db.selectFrom("results").selectAll().where("repo_id", "=", repoId).orderBy("pr_num").orderBy("file_path").orderBy("entry_index").execute();
  const hidden = await db.selectFrom("hidden_entries").select(["ref", "file_path", "content_hash"]).where("repo_id", "=", repoId).execute();
  const hiddenKeys = new Set(hidden.map((h) => `${h.ref}|${h.file_path}|${h.content_hash}`));
  const byIdentity = new Map<number, string>();
  for (const [identity, row] of identities(rows)) byIdentity.set((row as Selectable<ResultsTable>).id, identity);
  const events = options.withHistory
    ? await db.selectFrom("result_history").select(["identity", "change", "value", "previous_value", "commit", "at"]).where("repo_id", "=", repoId).orderBy("at").orderBy("id").execute()
    : [];
  const historyOf = new Map<string, ModelResult["history"]>();
  for (const e of events) {
    const event = { change: e.change, value: e.value, previousValue: e.previous_value, commit: e.commit, at: e.at };
    const list = historyOf.get(e.identity);
    if (list === undefined) historyOf.set(e.identity, [event]);
    else list.push(event);
  }
  const out: ModelResult[] = [];
  for (const row of rows) {
    const isHidden = hiddenKeys.has(`${row.ref}|${row.file_path}|${row.content_hash}`);
    if (isHidden && !options.includeHidden) continue;
    const identity = byIdentity.get(row.id);
    out.push({ row, hidden: isHidden, history: identity === undefined ? [] : [...(historyOf.get(identity) ?? [])] });
  }
  return out.sort((a, b) => (a.row.pr_num ?? 0) - (b.row.pr_num ?? 0) || (a.row.file_path < b.row.file_path ? -1 : a.row.file_path > b.row.file_path ? 1 : 0) || a.row.entry_index - b.row.entry_index);
}
