import type { Context, Hono } from "hono";
import type { DiscussionFilter } from "../../hub/discussions/discussion-store.ts";
import { DISCUSSIONS_PAGE_SIZE, listDiscussions } from "../../hub/discussions/list-discussions.ts";
import { openDiscussion } from "../../hub/discussions/open-discussion.ts";
import { badRequest } from "../../hub/errors.ts";
import type { AppEnv } from "../env.ts";
import { readJsonBody } from "../json-body.ts";
import { presentDiscussion } from "../presenters/discussion.ts";
import { queryInt } from "../query.ts";
import { readableRepo } from "../repo-params.ts";
import { baseUrl } from "../respond.ts";
import { openDiscussionBodySchema } from "../schemas/discussion-writes.ts";

const KINDS: Record<string, DiscussionFilter["kind"]> = { all: "all", discussion: "discussion", pull_request: "pull_request" };
const STATUSES: Record<string, DiscussionFilter["status"]> = { all: "all", open: "open", closed: "closed" };

/**
 * `GET …/discussions?p=&limit=&type=&status=&author=` → `{discussions, count, start}`, newest first,
 * 50 a page (Python pages with `p` until `start + len(discussions) >= count`), and
 * `POST …/discussions` `{title, description, pullRequest}` → the new discussion (Python reads `num`).
 */
export function registerDiscussions(app: Hono<AppEnv>): void {
  app.get("/api/:kind/:ns/:name/discussions", async (c) => {
    const repo = await readableRepo(c);
    const size = queryInt(c, "limit", { fallback: DISCUSSIONS_PAGE_SIZE, min: 1, max: 100 });
    const index = queryInt(c, "p", { fallback: 0, min: 0, max: 1_000_000 });
    const page = await listDiscussions(c.var.hub, repo, filterOf(c), { index, size });
    const base = baseUrl(c);
    return c.json({ discussions: page.discussions.map((d) => presentDiscussion(base, repo, d)), count: page.total, start: page.start });
  });

  app.post("/api/:kind/:ns/:name/discussions", async (c) => {
    const repo = await readableRepo(c);
    const body = await readJsonBody(c, openDiscussionBodySchema);
    const discussion = await openDiscussion(c.var.hub, c.var.actor, repo, { title: body.title, description: body.description ?? "", pullRequest: body.pullRequest ?? false });
    return c.json(presentDiscussion(baseUrl(c), repo, discussion));
  });
}

function filterOf(c: Context<AppEnv>): DiscussionFilter {
  const kind = KINDS[c.req.query("type") ?? "all"];
  if (kind === undefined) throw badRequest("BadRequest", "type must be all, discussion or pull_request");
  const status = STATUSES[c.req.query("status") ?? "all"];
  if (status === undefined) throw badRequest("BadRequest", "status must be all, open or closed");
  const author = c.req.query("author");
  return { kind, status, ...(author ? { author } : {}) };
}
