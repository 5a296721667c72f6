import { HubError } from "../errors.ts";
import type { Hub } from "../hub.ts";
import type { Discussion } from "./discussion-store.ts";
import { DiscussionEventStore, type CommentEvent } from "./event-store.ts";

const PUBLIC_ID = /^[0-9a-f]{24}$/;

/** Comment `commentId` of a discussion; a 404 for anything else (another kind of event, another discussion's comment). */
export async function commentOf(hub: Pick<Hub, "db">, discussion: Discussion, commentId: string): Promise<CommentEvent> {
  const id = commentId.toLowerCase();
  const event = PUBLIC_ID.test(id) ? await new DiscussionEventStore(hub.db).find(discussion.id, id) : undefined;
  if (event?.kind !== "comment") throw new HubError(404, "CommentNotFound", `Comment ${JSON.stringify(commentId.slice(0, 40))} not found in discussion #${discussion.num}`);
  return event;
}
