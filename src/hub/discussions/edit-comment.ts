import { badRequest } from "../errors.ts";
import type { Hub } from "../hub.ts";
import type { Actor } from "../policy.ts";
import type { Repo } from "../repos.ts";
import { commentOf } from "./comment-of.ts";
import { DiscussionEventStore, type CommentEvent } from "./event-store.ts";
import { actingUser, discussionOf } from "./find-discussion.ts";
import { checkedComment } from "./text-rules.ts";

/**
 * `POST …/discussions/N/comment/{id}/edit`: only the comment's author (and site admins) edit it.
 * The replaced text is kept in the comment's history, one version per edit.
 */
export async function editComment(hub: Hub, actor: Actor, repo: Repo, num: number, commentId: string, content: string): Promise<CommentEvent> {
  const discussion = await discussionOf(hub, repo, num);
  const comment = await commentOf(hub, discussion, commentId);
  await hub.policy.assertEditComment(actor, repo, comment.actor?.id ?? null);
  if (comment.hidden) throw badRequest("CommentHidden", "a hidden comment cannot be edited");
  const raw = checkedComment(content);
  if (raw === comment.payload.raw) return comment;
  const previous = { raw: comment.payload.raw, updatedAt: comment.updatedAt ?? comment.createdAt, author: (comment.updatedBy ?? comment.actor)?.name ?? null };
  const events = new DiscussionEventStore(hub.db);
  await events.updateComment(comment.id, { payload: { raw, history: [...comment.payload.history, previous] }, edited: true, hidden: false, by: actingUser(actor) });
  return commentOf(hub, discussion, comment.publicId);
}
