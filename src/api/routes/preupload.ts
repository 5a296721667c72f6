import type { Hono } from "hono";
import { tooManyOperations } from "../../hub/commits/commit-rules.ts";
import { resolveCommitTarget } from "../../hub/commits/commit-target.ts";
import { adviseUploads } from "../../hub/commits/preupload.ts";
import type { AppEnv } from "../env.ts";
import { readJsonBody } from "../json-body.ts";
import { presentPreupload } from "../presenters/preupload.ts";
import { queryFlag } from "../query.ts";
import { rawPathAfter } from "../raw-path.ts";
import { readableRepo } from "../repo-params.ts";
import { decodeRest } from "../revision-path.ts";
import { preuploadBodySchema } from "../schemas/repo-writes.ts";

// Python asks about files in chunks of 256 whatever the commit will hold.
const PYTHON_CHUNK = 256;

/** `POST /api/{T}/{id}/preupload/{enc(rev)}[?create_pr=1]` (§2.9): same permissions as the commit that follows. */
export function registerPreupload(app: Hono<AppEnv>): void {
  app.post("/api/:kind/:ns/:name/preupload/*", async (c) => {
    const { hub, actor } = c.var;
    const repo = await readableRepo(c);
    const target = await resolveCommitTarget(hub, actor, repo, decodeRest(rawPathAfter(c, 5)), queryFlag(c, "create_pr"));
    const body = await readJsonBody(c, preuploadBodySchema);
    if (body.files.length > Math.max(hub.config.limits.maxFilesPerCommit, PYTHON_CHUNK)) throw tooManyOperations(hub.config.limits);
    const advice = await adviseUploads(hub, repo, target, body.files, hub.config.limits);
    return c.json(presentPreupload(advice.head, advice.files));
  });
}
