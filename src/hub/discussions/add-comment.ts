import type { Hub } from "../hub.ts";
import type { Actor } from "../policy.ts";
import type { Repo } from "../repos.ts";
import { DiscussionStore } from "./discussion-store.ts";
import { DiscussionEventStore, type DiscussionEvent } from "./event-store.ts";
import { actingUser, discussionOf } from "./find-discussion.ts";
import { checkedComment } from "./text-rules.ts";

/** `POST …/discussions/N/comment`: anyone signed in who can read the repository, whatever the discussion's status. */
export async function addComment(hub: Hub, actor: Actor, repo: Repo, num: number, text: string): Promise<DiscussionEvent> {
  const discussion = await discussionOf(hub, repo, num);
  await hub.policy.assertDiscussion(actor, repo, { authorId: discussion.author_id }, "comment");
  const raw = checkedComment(text);
  return hub.db.transaction().execute(async (trx) => {
    const event = await new DiscussionEventStore(trx).add(discussion.id, "comment", actingUser(actor), { raw, history: [] });
    await new DiscussionStore(trx).update(discussion.id, {});
    return event;
  });
}
