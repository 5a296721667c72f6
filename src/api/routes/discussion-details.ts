import type { Hono } from "hono";
import { discussionDetails } from "../../hub/discussions/discussion-details.ts";
import { discussionNum } from "../discussion-params.ts";
import type { AppEnv } from "../env.ts";
import { presentDiscussionDetails } from "../presenters/discussion.ts";
import { queryFlag } from "../query.ts";
import { readableRepo } from "../repo-params.ts";
import { baseUrl } from "../respond.ts";

/** `GET …/discussions/N[?diff=1]`: the discussion, its events and, for a pull request, what it changes. */
export function registerDiscussionDetails(app: Hono<AppEnv>): void {
  app.get("/api/:kind/:ns/:name/discussions/:num", async (c) => {
    const repo = await readableRepo(c);
    const details = await discussionDetails(c.var.hub, repo, discussionNum(c), { diff: queryFlag(c, "diff") });
    return c.json(presentDiscussionDetails(baseUrl(c), repo, details));
  });
}
