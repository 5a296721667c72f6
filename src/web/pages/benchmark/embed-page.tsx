import type { Hono } from "hono";
import type { AppEnv } from "../../../api/env.ts";
import { isTrue } from "../../../api/query.ts";
import { maxParams } from "../../../api/routes/results-api.ts";
import { notFound } from "../../../hub/errors.ts";
import { renderPage } from "../../render.tsx";
import { datasetPath, withQuery } from "../../urls.ts";
import { idOf, pageRepo } from "../page-repo.ts";
import { loadBoard } from "./board-data.ts";
import type { BoardQuery } from "./board-query.ts";
import { LeaderboardTable } from "./leaderboard-table.tsx";

/** Rows shown before the embed is expanded. */
const COLLAPSED_ROWS = 10;

/**
 * `/datasets/{ns}/{name}/embed/leaderboard`, for an iframe on any site, with Hugging Face's parameters:
 * `leaderboard_task_id`, `eval_result` (a model to highlight), `leaderboard_max_params`, `leaderboard_is_expanded`.
 */
export function registerEmbedPage(app: Hono<AppEnv>): void {
  app.get("/datasets/:ns/:name/embed/leaderboard", async (c) => {
    const repo = await pageRepo(c, "dataset");
    const status = await c.var.hub.benchmarks.status(repo);
    if (!status.definition) throw notFound("NotABenchmark", `${idOf(repo)} has no valid eval.yaml, so it has no leaderboard`);
    const maxRaw = (c.req.query("leaderboard_max_params") ?? "").slice(0, 20);
    const q: BoardQuery = {
      taskId: c.req.query("leaderboard_task_id") || undefined,
      includeCommunity: true, verifiedOnly: false, baseModelOnly: true, maxParams: maxRaw, maxParamsCount: maxParams(maxRaw || undefined),
      asOf: "", asOfTime: null, setupText: "", setup: [], sort: "rank", descending: false,
    };
    const expanded = isTrue(c.req.query("leaderboard_is_expanded"));
    const highlight = (c.req.query("eval_result") ?? "").toLowerCase();
    const { board, rows } = await loadBoard(c, repo, q, expanded ? 200 : COLLAPSED_ROWS);
    const id = idOf(repo);
    const params = { task_id: board.taskId, max_params: maxRaw || undefined };
    return renderPage(
      c,
      `${id} leaderboard`,
      <div class="embed">
        <p>
          <a href={withQuery(datasetPath(id), params)} target="_blank" rel="noopener">
            <strong>{id}</strong>
          </a>{" "}
          · {board.taskId}
          {maxRaw ? ` · ≤ ${maxRaw}` : ""}
        </p>
        <LeaderboardTable
          rows={rows}
          basePath={datasetPath(id)}
          params={params}
          sort="rank"
          descending={false}
          lowerIsBetter={board.lowerIsBetter}
          linkTarget="_blank"
          highlight={highlight || undefined}
          compact
        />
        {!expanded && board.total > rows.length ? (
          <p>
            <a href={withQuery(c.req.path, { leaderboard_task_id: board.taskId, leaderboard_max_params: maxRaw || undefined, eval_result: highlight || undefined, leaderboard_is_expanded: "true" })}>
              Show all {board.total}
            </a>
          </p>
        ) : null}
        <p class="muted">evalhub</p>
      </div>,
      { bare: true, embeddable: true },
    );
  });
}
