import type { Hono } from "hono";
import { commitFiles } from "../../hub/commits/commit-files.ts";
import { resolveCommitTarget } from "../../hub/commits/commit-target.ts";
import { readCommitPayload } from "../commit-payload.ts";
import type { AppEnv } from "../env.ts";
import { presentCommitResult } from "../presenters/commit-result.ts";
import { queryFlag } from "../query.ts";
import { rawPathAfter } from "../raw-path.ts";
import { readableRepo } from "../repo-params.ts";
import { baseUrl } from "../respond.ts";
import { decodeRest } from "../revision-path.ts";

/**
 * `POST /api/{T}/{id}/commit/{enc(rev)}[?create_pr=1]` (§2.10, §2.11): one atomic commit from an
 * NDJSON body. Permissions and the target are settled before the body is read.
 */
export function registerCommit(app: Hono<AppEnv>): void {
  app.post("/api/:kind/:ns/:name/commit/*", async (c) => {
    const { hub, actor } = c.var;
    const repo = await readableRepo(c);
    const target = await resolveCommitTarget(hub, actor, repo, decodeRest(rawPathAfter(c, 5)), queryFlag(c, "create_pr"));
    const request = await readCommitPayload(c.req.raw.body, hub.config.limits);
    const outcome = await commitFiles(hub, actor, repo, target, request);
    return c.json(presentCommitResult(baseUrl(c), repo, outcome));
  });
}
