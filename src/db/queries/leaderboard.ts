import { sql, type Kysely } from "kysely";
import type { Database } from "../schema.ts";
import { notHidden } from "./not-hidden.ts";
import { visibleRepos, type Viewer } from "./visible-repos.ts";

export interface LeaderboardFilter {
  datasetKey: string;
  taskId: string;
  includeCommunity: boolean;
  verifiedOnly: boolean;
  baseModelOnly: boolean;
  maxParams: number | null;
  viewer: Viewer;
  /** `ORDER BY` terms over value, verified, is_main, date, model_key, id (see hub/results/ranking.ts). */
  order: string;
}

export interface LeaderboardDbRow {
  id: number;
  repo_id: number;
  ref: string;
  pr_num: number | null;
  commit: string;
  file_path: string;
  value: number;
  verified: number;
  verify_reason: string | null;
  verify_issuer: string | null;
  date: string;
  notes: string | null;
  source_url: string | null;
  raw: string;
  content_hash: string;
  namespace: string;
  name: string;
  owner_id: number;
  num_parameters: number | null;
  model_key: string;
  is_main: number;
  /** Evidence of the row (live leaderboards only; past ones do not keep it). */
  evidence_status?: string | null;
  evidence_stderr?: number | null;
  evidence_samples?: number | null;
}

const FULL_COLUMNS = [
  "r.id", "r.repo_id", "r.ref", "r.pr_num", "r.commit", "r.file_path", "r.value", "r.verified", "r.verify_reason", "r.verify_issuer", "r.date", "r.notes",
  "r.source_url", "r.raw", "r.content_hash", "repos.namespace", "repos.name", "repos.owner_id", "mm.num_parameters", "repos.repo_key as model_key",
  "r.evidence_status", "r.evidence_stderr", "r.evidence_samples",
] as const;
/** Just what ranking needs: a window over 100,000 rows stays cheap when it does not carry `raw`. */
const RANKING_COLUMNS = ["r.id", "r.repo_id", "r.value", "r.verified", "r.date", "repos.repo_key as model_key"] as const;

function candidateRows(db: Kysely<Database>, f: LeaderboardFilter) {
  let q = db
    .selectFrom("results as r")
    .innerJoin("repos", "repos.id", "r.repo_id")
    .leftJoin("model_meta as mm", "mm.repo_id", "r.repo_id")
    .where("r.dataset_key", "=", f.datasetKey)
    .where("r.task_id", "=", f.taskId)
    .where("r.status", "=", "valid")
    .where("r.value", "is not", null)
    .where((eb) => visibleRepos(eb, f.viewer))
    .where((eb) => notHidden(eb));
  if (!f.includeCommunity) q = q.where("r.ref", "=", "refs/heads/main");
  if (f.verifiedOnly) q = q.where("r.verified", "=", 1);
  if (f.baseModelOnly) q = q.where("mm.base_model", "is", null);
  if (f.maxParams !== null) q = q.where("mm.num_parameters", "<=", f.maxParams);
  return q;
}

const isMain = sql<number>`case when r.ref = 'refs/heads/main' then 1 else 0 end`;

function candidates(db: Kysely<Database>, f: LeaderboardFilter) {
  return candidateRows(db, f).select([...FULL_COLUMNS, isMain.as("is_main")]);
}

/** The id of each model's best row, in ranking order: the whole ranking, which pages are then cut from. */
export async function rankedBestIds(db: Kysely<Database>, f: LeaderboardFilter): Promise<number[]> {
  const order = sql.raw(f.order);
  const ranked = await db
    .with("c", () => candidateRows(db, f).select([...RANKING_COLUMNS, isMain.as("is_main")]))
    .with("ranked", (qc) => qc.selectFrom("c").selectAll().select(sql<number>`row_number() over (partition by repo_id order by ${order})`.as("rn")))
    .selectFrom("ranked")
    .select("id")
    .where("rn", "=", 1)
    .orderBy(sql`${order}`)
    .execute();
  return ranked.map((row) => Number(row.id));
}

/** The full rows of the given result ids, in that order (ids no longer candidates are left out). */
export async function leaderboardRows(db: Kysely<Database>, f: LeaderboardFilter, ids: readonly number[]): Promise<LeaderboardDbRow[]> {
  if (ids.length === 0) return [];
  const full = (await candidates(db, f).where("r.id", "in", [...ids]).execute()) as LeaderboardDbRow[];
  const byId = new Map(full.map((row) => [Number(row.id), row]));
  return ids.map((id) => byId.get(id)).filter((row): row is LeaderboardDbRow => row !== undefined);
}

/** Every candidate row, not one per model: for filters SQL does not express (ranked in memory, as past leaderboards are). */
export async function leaderboardCandidates(db: Kysely<Database>, f: LeaderboardFilter): Promise<LeaderboardDbRow[]> {
  return (await candidates(db, f).execute()) as LeaderboardDbRow[];
}
