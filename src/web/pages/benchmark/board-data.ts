import type { Context } from "hono";
import type { AppEnv } from "../../../api/env.ts";
import { presentLeaderboardEntry } from "../../../api/presenters/leaderboard-entry.ts";
import { presentRowTrust } from "../../../api/presenters/trust.ts";
import { baseUrl } from "../../../api/respond.ts";
import type { Account } from "../../../hub/accounts.ts";
import type { Repo } from "../../../hub/repos.ts";
import { leaderboard, type Leaderboard, type LeaderboardRequest } from "../../../hub/results/leaderboard.ts";
import { viewerOf } from "../../../hub/results/viewer.ts";
import { leaderboardTrust } from "../../../hub/trust/board-trust.ts";
import { pageViewer } from "../../render.tsx";
import type { BoardQuery, SortKey } from "./board-query.ts";

/** The most rows one page shows; the downloads carry up to the API's page size. */
export const PAGE_ROWS = 500;

/** A leaderboard row exactly as the JSON API presents it, so the page, the CSV and the JSON agree. */
export type BoardRow = ReturnType<typeof presentLeaderboardEntry> & ReturnType<typeof presentRowTrust>;

export interface LoadedBoard {
  board: Leaderboard;
  rows: BoardRow[];
}

export async function loadBoard(c: Context<AppEnv>, repo: Repo, q: BoardQuery, limit = PAGE_ROWS): Promise<LoadedBoard> {
  const request: LeaderboardRequest = {
    datasetRepo: repo,
    taskId: q.taskId,
    includeCommunity: q.includeCommunity,
    verifiedOnly: q.verifiedOnly,
    baseModelOnly: q.baseModelOnly,
    maxParams: q.maxParamsCount,
    asOf: q.asOfTime,
    limit,
    offset: 0,
    viewer: viewerOf(pageViewer(c)),
    setup: q.setup,
  };
  const hub = c.var.hub;
  const board = await leaderboard(hub.db, request);
  const trust = await leaderboardTrust(hub.db, request, board);
  const owners = new Map<number, Account | undefined>();
  for (const row of board.rows) if (!owners.has(row.owner_id)) owners.set(row.owner_id, await hub.accounts.byId(row.owner_id));
  const hubBase = baseUrl(c);
  const rows = board.rows.map((row, i) => ({
    ...presentLeaderboardEntry(row, { owner: owners.get(row.owner_id), taskId: board.taskId, lowerIsBetter: board.lowerIsBetter, hubBase }),
    ...presentRowTrust(trust[i]!),
  }));
  return { board, rows };
}

/** The rows in the order a column header asked for; ties keep the ranking's order. */
export function sortRows(rows: readonly BoardRow[], key: SortKey, descending: boolean): BoardRow[] {
  const value = (r: BoardRow): number | string => {
    switch (key) {
      case "model": return r.modelId.toLowerCase();
      case "value": return r.value;
      case "params": return r.num_parameters ?? -1;
      case "date": return r.date;
      default: return r.rank;
    }
  };
  const sign = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    return (x < y ? -1 : x > y ? 1 : 0) * sign || a.rank - b.rank;
  });
}
