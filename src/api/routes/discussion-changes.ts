import type { Hono } from "hono";
import { changeStatus } from "../../hub/discussions/change-status.ts";
import { mergePullRequest } from "../../hub/discussions/merge-pull-request.ts";
import { renameDiscussion } from "../../hub/discussions/rename-discussion.ts";
import { discussionNum } from "../discussion-params.ts";
import type { AppEnv } from "../env.ts";
import { readJsonBody } from "../json-body.ts";
import { presentEvent } from "../presenters/discussion-event.ts";
import { readableRepo } from "../repo-params.ts";
import { mergeBodySchema, statusBodySchema, titleBodySchema } from "../schemas/discussion-writes.ts";

/** Status `{status, comment?}` → `{newStatus}`, title `{title}` → `{newTitle}`, and merge `{comment?}` (§2.14). */
export function registerDiscussionChanges(app: Hono<AppEnv>): void {
  app.post("/api/:kind/:ns/:name/discussions/:num/status", async (c) => {
    const repo = await readableRepo(c);
    const body = await readJsonBody(c, statusBodySchema);
    const event = await changeStatus(c.var.hub, c.var.actor, repo, discussionNum(c), body.status, body.comment ?? undefined);
    return c.json({ newStatus: presentEvent(event) });
  });

  app.post("/api/:kind/:ns/:name/discussions/:num/title", async (c) => {
    const repo = await readableRepo(c);
    const body = await readJsonBody(c, titleBodySchema);
    const event = await renameDiscussion(c.var.hub, c.var.actor, repo, discussionNum(c), body.title);
    return c.json({ newTitle: presentEvent(event) });
  });

  app.post("/api/:kind/:ns/:name/discussions/:num/merge", async (c) => {
    const repo = await readableRepo(c);
    const body = await readJsonBody(c, mergeBodySchema, { emptyAs: {} });
    const outcome = await mergePullRequest(c.var.hub, c.var.actor, repo, discussionNum(c), body.comment ?? undefined);
    return c.json({ mergeCommitId: outcome.commit, fastForward: outcome.kind === "fast-forward" });
  });
}
