import type { Hub } from "../hub.ts";
import type { Actor } from "../policy.ts";
import type { Repo } from "../repos.ts";
import { commentOf } from "./comment-of.ts";
import { DiscussionEventStore, type CommentEvent } from "./event-store.ts";
import { actingUser, discussionOf } from "./find-discussion.ts";

/**
 * `POST …/discussions/N/comment/{id}/hide`: writers moderate. The comment stays as a stub (author,
 * time, number of edits) and its text, earlier versions included, is gone for good, as on Hugging Face.
 */
export async function hideComment(hub: Hub, actor: Actor, repo: Repo, num: number, commentId: string): Promise<CommentEvent> {
  const discussion = await discussionOf(hub, repo, num);
  const comment = await commentOf(hub, discussion, commentId);
  await hub.policy.assertDiscussion(actor, repo, { authorId: discussion.author_id }, "hide-comment");
  if (comment.hidden) return comment;
  const history = comment.payload.history.map(({ updatedAt, author }) => ({ updatedAt, author }));
  await new DiscussionEventStore(hub.db).updateComment(comment.id, { payload: { raw: "", history }, edited: comment.edited, hidden: true, by: actingUser(actor) });
  return commentOf(hub, discussion, comment.publicId);
}
