import { announcePullRequest } from "../announce-pull-request.ts";
import { badRequest } from "../errors.ts";
import type { Hub } from "../hub.ts";
import type { Actor } from "../policy.ts";
import type { Repo } from "../repos.ts";
import { DiscussionStore } from "./discussion-store.ts";
import { DiscussionEventStore, type DiscussionEvent } from "./event-store.ts";
import { actingUser, discussionOf } from "./find-discussion.ts";
import { checkedComment } from "./text-rules.ts";

/**
 * `POST …/discussions/N/status` `{status, comment?}`: its author or writers close or reopen a
 * discussion or pull request (a reopened draft comes back `open`); a merged pull request stays merged.
 */
export async function changeStatus(hub: Hub, actor: Actor, repo: Repo, num: number, status: "open" | "closed", comment?: string): Promise<DiscussionEvent> {
  const discussion = await discussionOf(hub, repo, num);
  await hub.policy.assertDiscussion(actor, repo, { authorId: discussion.author_id }, "change-status");
  if (discussion.status === "merged") throw badRequest("PullRequestMerged", `pull request #${num} is merged; it cannot be closed or reopened`);
  const current = discussion.status === "draft" ? "open" : discussion.status;
  if (current === status) throw badRequest("StatusUnchanged", `#${num} is already ${status}`);
  const raw = comment === undefined || comment.trim() === "" ? null : checkedComment(comment);
  const user = actingUser(actor);
  const event = await hub.db.transaction().execute(async (trx) => {
    const events = new DiscussionEventStore(trx);
    if (raw !== null) await events.add(discussion.id, "comment", user, { raw, history: [] });
    const changed = await events.add(discussion.id, "status-change", user, { status });
    await new DiscussionStore(trx).update(discussion.id, { status });
    return changed;
  });
  if (discussion.kind === "pull_request") await announcePullRequest(hub, actor, repo, num, status === "closed" ? "closed" : "reopened");
  return event;
}
