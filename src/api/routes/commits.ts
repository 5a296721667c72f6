import type { Hono } from "hono";
import { commitHistory } from "../../hub/browse/commit-history.ts";
import type { AppEnv } from "../env.ts";
import { presentCommit } from "../presenters/commit.ts";
import { queryInt, queryList } from "../query.ts";
import { rawPathAfter } from "../raw-path.ts";
import { readableRepo } from "../repo-params.ts";
import { atRevision } from "../repo-revision.ts";
import { baseUrl, setNextLink } from "../respond.ts";
import { decodeRest } from "../revision-path.ts";

/**
 * `GET /api/{T}/{id}/commits/{rev}` (§2.12): newest first, pages of `limit` numbered by `p`, the
 * total in `X-Total-Count` (JS `countCommits` asks with `limit=1`). Everything after `commits/` is
 * the revision, raw (`refs/pr/1`, JS) or encoded (Python).
 */
export function registerCommits(app: Hono<AppEnv>): void {
  app.get("/api/:kind/:ns/:name/commits/*", async (c) => {
    const repo = await readableRepo(c);
    const { gitDir, sha } = await atRevision(c, repo, decodeRest(rawPathAfter(c, 5)));
    const limit = queryInt(c, "limit", { fallback: 50, min: 1, max: 1000 });
    const page = queryInt(c, "p", { fallback: 0, min: 0, max: 1_000_000_000 });
    const { commits, total } = await commitHistory(gitDir, sha, { skip: page * limit, limit });
    c.header("X-Total-Count", String(total));
    if ((page + 1) * limit < total) setNextLink(c, { p: String(page + 1) });
    const formatted = queryList(c, "expand").includes("formatted");
    return c.json(commits.map((commit) => presentCommit(commit, { base: baseUrl(c), formatted })));
  });
}
