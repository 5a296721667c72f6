import type { Context, Hono } from "hono";
import { z } from "zod";
import { badRequest } from "../../hub/errors.ts";
import { findEntries } from "../../hub/browse/find-entries.ts";
import { lastCommitsOf } from "../../hub/browse/last-commit.ts";
import type { AppEnv } from "../env.ts";
import { presentTreeEntry } from "../presenters/tree-entry.ts";
import { isTrue } from "../query.ts";
import { rawPathAfter } from "../raw-path.ts";
import { readableRepo } from "../repo-params.ts";
import { atRevision } from "../repo-revision.ts";
import { decodeRest } from "../revision-path.ts";

const MAX_PATHS = 1000;

const oneOrMany = z.union([z.string(), z.array(z.string())]).transform((v) => (typeof v === "string" ? [v] : v));
export const PathsInfoRequest = z.object({
  paths: oneOrMany.pipe(z.array(z.string()).max(MAX_PATHS, `at most ${MAX_PATHS} paths per request`)),
  expand: z.union([z.boolean(), z.string()]).optional(),
});

/**
 * `POST /api/{T}/{id}/paths-info/{rev}` (§2.7): the entries at the given paths, missing ones left out.
 * JS sends JSON `{paths, expand}`; Python sends the same as a form (`paths=a&paths=b&expand=false`).
 */
export function registerPathsInfo(app: Hono<AppEnv>): void {
  app.post("/api/:kind/:ns/:name/paths-info/*", async (c) => {
    const repo = await readableRepo(c);
    const { gitDir, sha } = await atRevision(c, repo, decodeRest(rawPathAfter(c, 5)));
    const request = PathsInfoRequest.parse(await readBody(c));
    const entries = await findEntries(gitDir, sha, request.paths);
    const lastCommits = isTrue(request.expand) ? await lastCommitsOf(gitDir, sha, entries.map((entry) => entry.path)) : [];
    return c.json(entries.map((entry, i) => presentTreeEntry(entry, lastCommits[i])));
  });
}

async function readBody(c: Context<AppEnv>): Promise<unknown> {
  const type = c.req.header("content-type") ?? "";
  if (/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
    const form = await c.req.parseBody({ all: true });
    const texts = (value: unknown) => (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
    return { paths: texts(form["paths"]), expand: texts(form["expand"])[0] };
  }
  try {
    return await c.req.json();
  } catch {
    throw badRequest("BadRequest", "the body must be JSON {paths, expand} or a form with paths=…");
  }
}
