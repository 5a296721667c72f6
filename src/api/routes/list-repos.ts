import type { Context, Hono } from "hono";
import type { RepoKind } from "../../db/schema.ts";
import { readSnapshot } from "../../hub/browse/snapshot.ts";
import { findRevision } from "../../hub/revisions.ts";
import type { ListQuery, Repo } from "../../hub/repos.ts";
import { decodeCursor, encodeCursor } from "../cursor.ts";
import type { AppEnv } from "../env.ts";
import { presentRepoInfo, presentRepoSummary } from "../presenters/repo-info.ts";
import { expandedFields, expanders } from "../presenters/repo-expanders.ts";
import { queryFlag, queryInt, queryList } from "../query.ts";
import { setNextLink } from "../respond.ts";

/** Fields that need each listed repository's git data; without them a list is answered from the database. */
const SNAPSHOT_FIELDS = new Set(["sha", "siblings", "cardData", "tags"]);
const SORTS = new Set<ListQuery["sort"]>(["lastModified", "createdAt", "id"]);

/**
 * `GET /api/models` and `GET /api/datasets` (§2.5), with `search`, `author`, `sort`, `direction`,
 * `limit`, `expand`/`full`, and paging by an opaque `cursor` in an absolute `Link`. Only repositories
 * the caller may read are listed. `filter=benchmark:official` lists official benchmarks, `filter=benchmark` every
 * benchmark; other filters are accepted and ignored.
 */
export function registerListRepos(app: Hono<AppEnv>): void {
  app.get("/api/models", (c) => listRepos(c, "model"));
  app.get("/api/datasets", (c) => listRepos(c, "dataset"));
}

async function listRepos(c: Context<AppEnv>, kind: RepoKind): Promise<Response> {
  const limit = queryInt(c, "limit", { fallback: 50, min: 1, max: 1000 });
  const offset = decodeCursor(c.req.query("cursor"));
  const sort = c.req.query("sort") as ListQuery["sort"];
  const direction = c.req.query("direction");
  const rows = await c.var.hub.repos.list(c.var.actor, {
    kind,
    search: c.req.query("search") || undefined,
    author: c.req.query("author") || undefined,
    benchmark: benchmarkFilter(queryList(c, "filter")),
    sort: SORTS.has(sort) ? sort : "lastModified",
    direction: direction === "-1" ? "desc" : direction === "1" ? "asc" : undefined,
    limit: limit + 1,
    offset,
  });
  const page = rows.slice(0, limit);
  if (rows.length > limit) setNextLink(c, { cursor: encodeCursor(offset + limit) });

  const expand = queryList(c, "expand");
  const withSnapshot = queryFlag(c, "full") || expand.some((field) => SNAPSHOT_FIELDS.has(field));
  return c.json(await Promise.all(page.map((repo) => presentListed(c, repo, expand, withSnapshot))));
}

async function presentListed(c: Context<AppEnv>, repo: Repo, expand: string[], withSnapshot: boolean) {
  if (!withSnapshot && !expand.some((field) => expanders.has(field))) return presentRepoSummary(repo);
  const gitDir = c.var.hub.repos.gitDir(repo);
  const sha = await findRevision(gitDir, "HEAD");
  // A repository whose default branch is gone still gets listed, with what the database knows.
  if (sha === null) return presentRepoSummary(repo);
  const body = withSnapshot ? presentRepoInfo(repo, await readSnapshot(gitDir, sha), { blobs: false }) : presentRepoSummary(repo);
  return { ...body, ...(await expandedFields(expand, { hub: c.var.hub, actor: c.var.actor, repo, gitDir, sha })) };
}

function benchmarkFilter(filters: string[]): ListQuery["benchmark"] {
  if (filters.includes("benchmark:official")) return "official";
  return filters.includes("benchmark") ? "any" : undefined;
}
