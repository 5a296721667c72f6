import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { visibleRepos, type Viewer } from "../../db/queries/visible-repos.ts";

export interface RecentResult {
  model: string;
  datasetId: string;
  taskId: string;
  value: number;
  date: string;
  community: boolean;
  verified: boolean;
}

export interface RecentPullRequest {
  repo: string;
  kind: "model" | "dataset";
  num: number;
  title: string;
  status: string;
  updatedAt: string;
}

/** The newest valid, unhidden results the viewer may see, across every model (for the home page). */
export async function recentResults(db: Kysely<Database>, viewer: Viewer, limit: number): Promise<RecentResult[]> {
  const rows = await db
    .selectFrom("results")
    .innerJoin("repos", "repos.id", "results.repo_id")
    .select(["repos.namespace", "repos.name", "results.dataset_id", "results.task_id", "results.value", "results.date", "results.pr_num", "results.verified"])
    .where("results.status", "=", "valid")
    .where((eb) => visibleRepos(eb, viewer))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("hidden_entries").select("hidden_entries.repo_id").whereRef("hidden_entries.repo_id", "=", "results.repo_id").whereRef("hidden_entries.ref", "=", "results.ref").whereRef("hidden_entries.file_path", "=", "results.file_path").whereRef("hidden_entries.content_hash", "=", "results.content_hash"))),
    )
    .orderBy("results.date", "desc")
    .orderBy("results.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    model: `${r.namespace}/${r.name}`, datasetId: r.dataset_id ?? "", taskId: r.task_id ?? "", value: r.value ?? 0, date: r.date, community: r.pr_num !== null, verified: r.verified === 1,
  }));
}

/** The most recently active pull requests the viewer may see, across every repository. */
export async function recentPullRequests(db: Kysely<Database>, viewer: Viewer, limit: number): Promise<RecentPullRequest[]> {
  const rows = await db
    .selectFrom("discussions")
    .innerJoin("repos", "repos.id", "discussions.repo_id")
    .select(["repos.namespace", "repos.name", "repos.kind", "discussions.num", "discussions.title", "discussions.status", "discussions.updated_at"])
    .where("discussions.kind", "=", "pull_request")
    .where((eb) => visibleRepos(eb, viewer))
    .orderBy("discussions.updated_at", "desc")
    .orderBy("discussions.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ repo: `${r.namespace}/${r.name}`, kind: r.kind === "dataset" ? "dataset" : "model", num: r.num, title: r.title, status: r.status, updatedAt: r.updated_at }));
}
