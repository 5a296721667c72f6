import type { Hono } from "hono";
import { listRepoRefs } from "../../hub/browse/repo-refs.ts";
import type { AppEnv } from "../env.ts";
import { presentRefs } from "../presenters/refs.ts";
import { queryFlag } from "../query.ts";
import { readableRepo } from "../repo-params.ts";

/** `GET /api/{T}/{id}/refs[?include_prs=1]` (§2.13, Python `list_repo_refs`). */
export function registerRefs(app: Hono<AppEnv>): void {
  app.get("/api/:kind/:ns/:name/refs", async (c) => {
    const repo = await readableRepo(c);
    const refs = await listRepoRefs(c.var.hub.repos.gitDir(repo));
    return c.json(presentRefs(refs, { includePullRequests: queryFlag(c, "include_prs") }));
  });
}
