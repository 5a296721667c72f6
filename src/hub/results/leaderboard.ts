import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { leaderboardCandidates, leaderboardRows, rankedBestIds, type LeaderboardDbRow, type LeaderboardFilter } from "../../db/queries/leaderboard.ts";
import type { Viewer } from "../../db/queries/visible-repos.ts";
import { setupMatches, type SetupFilter } from "../../formats/evidence/setup-fields.ts";
import { notFound } from "../errors.ts";
import { setupOfRaw } from "../trust/row-setup.ts";
import type { Repo } from "../repos.ts";
import { pastCandidates } from "./past-candidates.ts";
import { rankingCacheOf } from "./ranking-cache.ts";
import { bestPerModel, rankingOrderSql } from "./ranking.ts";
import { benchmarkOfRepo, taskDirection } from "./benchmarks.ts";
import type { StoredBenchmark } from "./benchmark-definition.ts";

export interface LeaderboardRequest {
  datasetRepo: Repo;
  taskId?: string;
  includeCommunity: boolean;
  verifiedOnly: boolean;
  baseModelOnly: boolean;
  maxParams: number | null;
  /** ISO 8601: the leaderboard as it was then; null for now. */
  asOf: string | null;
  limit: number;
  offset: number;
  viewer: Viewer;
  /** Only entries whose `setup` has these values (`setup.tools=true`); ranked in memory. */
  setup?: readonly SetupFilter[];
}

export type LeaderboardEntry = LeaderboardDbRow & { rank: number };

export interface Leaderboard {
  /** The benchmark as indexed when the board was read (what trust and presenters read next, without asking again). */
  benchmark: StoredBenchmark;
  taskId: string;
  tasks: string[];
  lowerIsBetter: boolean;
  total: number;
  rows: LeaderboardEntry[];
}

/** A benchmark task's leaderboard: one row per model, its best valid, visible, unhidden result, ranked. */
export async function leaderboard(db: Kysely<Database>, q: LeaderboardRequest): Promise<Leaderboard> {
  const benchmark = await benchmarkOfRepo(db, q.datasetRepo);
  if (!benchmark.definition) {
    throw notFound("NotABenchmark", `${q.datasetRepo.namespace}/${q.datasetRepo.name} has no valid eval.yaml, so it has no leaderboard`);
  }
  const tasks = benchmark.definition.tasks.map((t) => t.id);
  const taskId = q.taskId ?? tasks[0];
  const task = benchmark.definition.tasks.find((t) => t.id === taskId);
  if (!task || taskId === undefined) throw notFound("TaskNotFound", `${q.datasetRepo.namespace}/${q.datasetRepo.name} has no task "${q.taskId}"; its tasks are ${tasks.join(", ")}`);
  const lowerIsBetter = taskDirection(task);
  const filter: LeaderboardFilter = {
    datasetKey: benchmark.datasetKey, taskId, includeCommunity: q.includeCommunity, verifiedOnly: q.verifiedOnly, baseModelOnly: q.baseModelOnly,
    maxParams: q.maxParams, viewer: q.viewer, order: rankingOrderSql(lowerIsBetter),
  };
  const setup = q.setup ?? [];
  if (q.asOf === null && setup.length === 0) {
    const ranking = await rankingCacheOf(db).get(db, JSON.stringify(filter), () => rankedBestIds(db, filter));
    const rows = await leaderboardRows(db, filter, Array.from(ranking.subarray(q.offset, q.offset + q.limit)));
    return { benchmark, taskId, tasks, lowerIsBetter, total: ranking.length, rows: rows.map((row, i) => ({ ...row, rank: q.offset + i + 1 })) };
  }
  const candidates = q.asOf === null ? await leaderboardCandidates(db, filter) : await pastCandidates(db, filter, q.asOf);
  const best = bestPerModel(candidates.filter((row) => setup.length === 0 || setupMatches(setupOfRaw(row.raw), setup)).map(toRanked), lowerIsBetter);
  const rows = best.slice(q.offset, q.offset + q.limit).map((row, i) => ({ ...row, rank: q.offset + i + 1 }));
  return { benchmark, taskId, tasks, lowerIsBetter, total: best.length, rows };
}

const toRanked = (row: LeaderboardDbRow) => ({ ...row, repoId: row.repo_id, isMain: row.is_main, modelKey: row.model_key });

