import type { Hono } from "hono";
import { lastCommitsOf } from "../../hub/browse/last-commit.ts";
import { listEntries } from "../../hub/browse/list-entries.ts";
import { decodeCursor, encodeCursor } from "../cursor.ts";
import type { AppEnv } from "../env.ts";
import { presentTreeEntry } from "../presenters/tree-entry.ts";
import { queryFlag, queryInt } from "../query.ts";
import { rawPathAfter } from "../raw-path.ts";
import { readableRepo } from "../repo-params.ts";
import { atRevisionPath } from "../repo-revision.ts";
import { setNextLink } from "../respond.ts";

/**
 * `GET /api/{T}/{id}/tree/{rev}[/{path}]` (§2.6): entries of a directory, `recursive` for everything
 * below it, `expand` for each entry's last commit (one git process per entry, hence smaller pages).
 */
export function registerTree(app: Hono<AppEnv>): void {
  app.get("/api/:kind/:ns/:name/tree/*", async (c) => {
    const repo = await readableRepo(c);
    const { gitDir, sha, path } = await atRevisionPath(c, repo, rawPathAfter(c, 5));
    const expand = queryFlag(c, "expand");
    const limit = queryInt(c, "limit", expand ? { fallback: 50, min: 1, max: 100 } : { fallback: 1000, min: 1, max: 1000 });
    const offset = decodeCursor(c.req.query("cursor"));
    const entries = await listEntries(gitDir, sha, { path, recursive: queryFlag(c, "recursive") });
    const page = entries.slice(offset, offset + limit);
    const lastCommits = expand ? await lastCommitsOf(gitDir, sha, page.map((entry) => entry.path)) : [];
    if (offset + limit < entries.length) setNextLink(c, { cursor: encodeCursor(offset + limit) });
    return c.json(page.map((entry, i) => presentTreeEntry(entry, lastCommits[i])));
  });
}
