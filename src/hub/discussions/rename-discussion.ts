import { announcePullRequest } from "../announce-pull-request.ts";
import { badRequest } from "../errors.ts";
import type { Hub } from "../hub.ts";
import type { Actor } from "../policy.ts";
import type { Repo } from "../repos.ts";
import { DiscussionStore } from "./discussion-store.ts";
import { DiscussionEventStore, type DiscussionEvent } from "./event-store.ts";
import { actingUser, discussionOf } from "./find-discussion.ts";
import { checkedTitle } from "./text-rules.ts";

/** `POST …/discussions/N/title` `{title}`: its author or writers rename a discussion or pull request. */
export async function renameDiscussion(hub: Hub, actor: Actor, repo: Repo, num: number, newTitle: string): Promise<DiscussionEvent> {
  const discussion = await discussionOf(hub, repo, num);
  await hub.policy.assertDiscussion(actor, repo, { authorId: discussion.author_id }, "rename");
  const title = checkedTitle(newTitle);
  if (title === discussion.title) throw badRequest("TitleUnchanged", `#${num} already has this title`);
  const event = await hub.db.transaction().execute(async (trx) => {
    const changed = await new DiscussionEventStore(trx).add(discussion.id, "title-change", actingUser(actor), { from: discussion.title, to: title });
    await new DiscussionStore(trx).update(discussion.id, { title });
    return changed;
  });
  if (discussion.kind === "pull_request") await announcePullRequest(hub, actor, repo, num, "renamed");
  return event;
}
