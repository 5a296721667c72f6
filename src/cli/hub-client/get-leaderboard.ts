import { repoPath, type HubClient } from "./client.ts";
import type { LeaderboardRowBody } from "./wire.ts";

const PAGE = 1000;

export interface LeaderboardQuery {
  datasetId: string;
  taskId?: string;
  /** Extra query parameters passed as they are (include_community, verified_only, as_of, …). */
  params?: Record<string, string>;
}

/** Every row of a leaderboard, page by page (the hub caps a page at 1000 rows). */
export async function* leaderboardRows(client: HubClient, q: LeaderboardQuery): AsyncGenerator<LeaderboardRowBody> {
  for (let offset = 0; ; offset += PAGE) {
    const response = await client.request(`/api/datasets/${repoPath(q.datasetId)}/leaderboard`, {
      what: `leaderboard of ${q.datasetId}`,
      query: { ...q.params, task_id: q.taskId, limit: String(PAGE), offset: String(offset) },
    });
    const rows = (await response.json()) as LeaderboardRowBody[];
    yield* rows;
    const total = Number(response.headers.get("x-total-count") ?? rows.length);
    if (rows.length < PAGE || offset + rows.length >= total) return;
  }
}
