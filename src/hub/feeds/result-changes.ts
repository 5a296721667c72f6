import type { Kysely } from "kysely";
import { visibleRepos, type Viewer } from "../../db/queries/visible-repos.ts";
import type { Database } from "../../db/schema.ts";
import { MAIN } from "../results/compute.ts";

/** A new or changed score on a model's main branch, as a feed shows it. */
export interface ResultChange {
  historyId: number;
  model: string;
  change: "added" | "changed";
  datasetKey: string;
  taskId: string;
  value: number | null;
  previousValue: number | null;
  commit: string;
  filePath: string | null;
  status: string | null;
  at: string;
}

const MAX_ENTRIES = 100;

/**
 * The newest additions and changes of scores on main (from `result_history`), of one benchmark or one model,
 * among the models the viewer may read; hidden entries are left out.
 */
export async function resultChanges(db: Kysely<Database>, q: { viewer: Viewer; datasetKey?: string; repoId?: number; limit?: number }): Promise<ResultChange[]> {
  const limit = Math.min(q.limit ?? 50, MAX_ENTRIES);
  let query = db
    .selectFrom("result_history as h")
    .innerJoin("repos", "repos.id", "h.repo_id")
    .select(["h.id", "h.repo_id", "h.change", "h.dataset_key", "h.task_id", "h.value", "h.previous_value", "h.commit", "h.at", "h.snapshot", "repos.namespace", "repos.name"])
    .where("h.ref", "=", MAIN)
    .where("h.change", "in", ["added", "changed"])
    .where((eb) => visibleRepos(eb, q.viewer));
  if (q.datasetKey !== undefined) query = query.where("h.dataset_key", "=", q.datasetKey);
  if (q.repoId !== undefined) query = query.where("h.repo_id", "=", q.repoId);
  const rows = await query.orderBy("h.id", "desc").limit(limit * 2).execute();
  const hidden = await hiddenKeys(db, [...new Set(rows.map((r) => r.repo_id))]);
  const out: ResultChange[] = [];
  for (const row of rows) {
    const snapshot = JSON.parse(row.snapshot) as { filePath?: string; contentHash?: string; status?: string };
    if (hidden.has(`${row.repo_id}|${snapshot.filePath}|${snapshot.contentHash}`)) continue;
    out.push({
      historyId: row.id, model: `${row.namespace}/${row.name}`, change: row.change as ResultChange["change"], datasetKey: row.dataset_key, taskId: row.task_id,
      value: row.value, previousValue: row.previous_value, commit: row.commit, filePath: snapshot.filePath ?? null, status: snapshot.status ?? null, at: row.at,
    });
    if (out.length === limit) break;
  }
  return out;
}

async function hiddenKeys(db: Kysely<Database>, repoIds: number[]): Promise<Set<string>> {
  if (repoIds.length === 0) return new Set();
  const rows = await db.selectFrom("hidden_entries").select(["repo_id", "file_path", "content_hash"]).where("ref", "=", MAIN).where("repo_id", "in", repoIds).execute();
  return new Set(rows.map((r) => `${r.repo_id}|${r.file_path}|${r.content_hash}`));
}
