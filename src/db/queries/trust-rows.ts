import type { Kysely } from "kysely";
import type { Database } from "../schema.ts";
import { notHidden } from "./not-hidden.ts";
import { visibleRepos, type Viewer } from "./visible-repos.ts";

export interface TrustRowsFilter {
  viewer: Viewer;
  datasetKey?: string;
  taskId?: string;
  repoId?: number;
  /** Only these repositories (a leaderboard page's models); an empty list selects nothing. */
  repoIds?: readonly number[];
}

/** Valid, visible, unhidden results with a value, on main and open pull requests: what conflicts are computed over. */
export function trustRows(db: Kysely<Database>, f: TrustRowsFilter) {
  let q = db
    .selectFrom("results as r")
    .innerJoin("repos", "repos.id", "r.repo_id")
    .select([
      "r.id", "r.repo_id", "r.ref", "r.pr_num", "r.commit", "r.file_path", "r.entry_index", "r.content_hash", "r.dataset_id", "r.dataset_key", "r.task_id",
      "r.value", "r.raw", "r.setup", "r.evidence_status", "r.evidence_stderr", "repos.namespace", "repos.name",
    ])
    .where("r.status", "=", "valid")
    .where("r.value", "is not", null)
    .where((eb) => visibleRepos(eb, f.viewer))
    .where((eb) => notHidden(eb));
  if (f.datasetKey !== undefined) q = q.where("r.dataset_key", "=", f.datasetKey);
  if (f.taskId !== undefined) q = q.where("r.task_id", "=", f.taskId);
  if (f.repoId !== undefined) q = q.where("r.repo_id", "=", f.repoId);
  if (f.repoIds !== undefined) {
    if (f.repoIds.length === 0) return Promise.resolve([]);
    q = q.where("r.repo_id", "in", [...f.repoIds]);
  }
  return q.orderBy("r.id").execute();
}

export type TrustRow = Awaited<ReturnType<typeof trustRows>>[number];
