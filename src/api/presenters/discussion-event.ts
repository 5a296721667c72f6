import type { AccountRef } from "../../hub/discussions/discussion-store.ts";
import type { DiscussionEvent } from "../../hub/discussions/event-store.ts";

export interface AuthorBody {
  name: string;
  fullname: string;
  avatarUrl: string;
  type: "user";
}

/**
 * HF's event object (§2.14): Python `deserialize_event` reads `id`, `type`, `createdAt`,
 * `author.name` (missing: "deleted") and per type `data`. A merge is HF's status change to `merged`.
 */
export interface EventBody {
  id: string;
  type: "comment" | "status-change" | "commit" | "title-change";
  createdAt: string;
  author?: AuthorBody;
  data: Record<string, unknown>;
}

export function presentAuthor(account: AccountRef): AuthorBody {
  return { name: account.name, fullname: account.fullname, avatarUrl: `/avatars/${encodeURIComponent(account.name)}.svg`, type: "user" };
}

export function presentEvent(event: DiscussionEvent): EventBody {
  const body: EventBody = { id: event.publicId, type: event.kind === "merge" ? "status-change" : event.kind, createdAt: event.createdAt, data: dataOf(event) };
  if (event.actor) body.author = presentAuthor(event.actor);
  return body;
}

function dataOf(event: DiscussionEvent): Record<string, unknown> {
  switch (event.kind) {
    case "comment": {
      const lastEditor = event.edited ? event.updatedBy : event.actor;
      const latest: Record<string, unknown> = { raw: event.payload.raw, updatedAt: event.edited ? event.updatedAt : event.createdAt };
      if (lastEditor) latest.author = { name: lastEditor.name };
      // Python counts edits as len(history): one entry per earlier version.
      const history = event.payload.history.map((version) => ({ ...version, author: version.author === null ? undefined : { name: version.author } }));
      const data: Record<string, unknown> = { edited: event.edited, hidden: event.hidden, numEdits: history.length, latest, history };
      if (event.hidden && event.updatedBy) data.hiddenBy = event.updatedBy.name;
      return data;
    }
    case "status-change":
      return { status: event.payload.status };
    case "merge":
      return { status: "merged", mergeCommitId: event.payload.oid };
    case "commit":
      return { subject: event.payload.subject, oid: event.payload.oid };
    case "title-change":
      return { from: event.payload.from, to: event.payload.to };
  }
}
