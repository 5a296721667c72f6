import type { Hono } from "hono";
import { addComment } from "../../hub/discussions/add-comment.ts";
import { editComment } from "../../hub/discussions/edit-comment.ts";
import { hideComment } from "../../hub/discussions/hide-comment.ts";
import { discussionNum } from "../discussion-params.ts";
import type { AppEnv } from "../env.ts";
import { readJsonBody } from "../json-body.ts";
import { presentEvent } from "../presenters/discussion-event.ts";
import { readableRepo } from "../repo-params.ts";
import { commentBodySchema, editCommentBodySchema } from "../schemas/discussion-writes.ts";

/** Comments (§2.14): post `{comment}` → `{newMessage}`; edit `{content}` and hide → `{updatedComment}`. */
export function registerDiscussionComments(app: Hono<AppEnv>): void {
  app.post("/api/:kind/:ns/:name/discussions/:num/comment", async (c) => {
    const repo = await readableRepo(c);
    const body = await readJsonBody(c, commentBodySchema);
    const event = await addComment(c.var.hub, c.var.actor, repo, discussionNum(c), body.comment);
    return c.json({ newMessage: presentEvent(event) });
  });

  app.post("/api/:kind/:ns/:name/discussions/:num/comment/:commentId/edit", async (c) => {
    const repo = await readableRepo(c);
    const body = await readJsonBody(c, editCommentBodySchema);
    const event = await editComment(c.var.hub, c.var.actor, repo, discussionNum(c), c.req.param("commentId"), body.content);
    return c.json({ updatedComment: presentEvent(event) });
  });

  app.post("/api/:kind/:ns/:name/discussions/:num/comment/:commentId/hide", async (c) => {
    const repo = await readableRepo(c);
    const event = await hideComment(c.var.hub, c.var.actor, repo, discussionNum(c), c.req.param("commentId"));
    return c.json({ updatedComment: presentEvent(event) });
  });
}
