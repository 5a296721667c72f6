import type { Context, Hono } from "hono";
import { readSnapshot } from "../../hub/browse/snapshot.ts";
import type { AppEnv } from "../env.ts";
import { presentRepoInfo } from "../presenters/repo-info.ts";
import { expandedFields } from "../presenters/repo-expanders.ts";
import { queryFlag, queryList } from "../query.ts";
import { rawPathAfter } from "../raw-path.ts";
import { readableRepo } from "../repo-params.ts";
import { atRevision } from "../repo-revision.ts";
import { decodeRest } from "../revision-path.ts";

/**
 * Repository info (§2.4): `GET /api/{T}/{id}` (Python without a revision, JS `repoExists`) and
 * `GET /api/{T}/{id}/revision/{rev}` (JS `modelInfo`, default `HEAD`; the revision may be encoded or raw).
 */
export function registerRepoInfo(app: Hono<AppEnv>): void {
  app.get("/api/:kind/:ns/:name", (c) => repoInfo(c, "HEAD"));
  app.get("/api/:kind/:ns/:name/revision/*", (c) => repoInfo(c, decodeRest(rawPathAfter(c, 5))));
}

async function repoInfo(c: Context<AppEnv>, rev: string): Promise<Response> {
  const repo = await readableRepo(c);
  const { gitDir, sha } = await atRevision(c, repo, rev);
  const body = presentRepoInfo(repo, await readSnapshot(gitDir, sha), { blobs: queryFlag(c, "blobs") });
  const extra = await expandedFields(queryList(c, "expand"), { hub: c.var.hub, actor: c.var.actor, repo, gitDir, sha });
  return c.json({ ...body, ...extra });
}
