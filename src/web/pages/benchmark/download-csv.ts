import type { Context } from "hono";
import type { AppEnv } from "../../../api/env.ts";
import type { Repo } from "../../../hub/repos.ts";
import { csvTable } from "../../csv.ts";
import { idOf } from "../page-repo.ts";
import { loadBoard } from "./board-data.ts";
import { boardQueryFrom } from "./board-query.ts";

const HEADER = ["rank", "model", "value", "verified", "verified_by", "community", "log_checked", "conflict", "source_url", "source_name", "notes", "setup", "num_parameters", "date", "commit", "filename", "pull_request"];

/** The leaderboard the page shows (same filters), as CSV, from the rows the JSON API presents. */
export async function leaderboardCsv(c: Context<AppEnv>, repo: Repo): Promise<Response> {
  const { board, rows } = await loadBoard(c, repo, boardQueryFrom(c), 1000);
  const body = csvTable(
    HEADER,
    rows.map((r) => [
      r.rank, r.modelId, r.value, r.verified, "verifiedBy" in r ? r.verifiedBy : null, r.community, r.logChecked === true, r.conflict === true,
      r.source?.url, r.source?.name, r.notes, r.setup ? JSON.stringify(r.setup) : null, r.num_parameters, r.date, r.commit, r.filename, r.pullRequest,
    ]),
  );
  const name = `${idOf(repo).replace("/", "__")}__${board.taskId}.csv`.replace(/[^A-Za-z0-9._-]/g, "_");
  return c.body(body, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${name}"`,
    "X-Content-Type-Options": "nosniff",
  });
}
