import { raw } from "hono/html";
import type { DiscussionEvent } from "../../../hub/discussions/event-store.ts";
import { formatDate, shortSha } from "../../format.ts";
import { renderMarkdown } from "../../markdown.ts";
import { commitPath } from "../../urls.ts";
import type { RepoKind } from "../../../db/schema.ts";

/** The events of a discussion in order: comments (markdown, sanitised), commits, state and title changes, the merge. */
export function Conversation(props: { events: DiscussionEvent[]; kind: RepoKind; id: string }) {
  return (
    <ol class="conversation">
      {props.events.map((event) => (
        <li class={`event event-${event.kind}`} id={`event-${event.publicId}`}>
          <EventBody event={event} kind={props.kind} id={props.id} />
        </li>
      ))}
    </ol>
  );
}

function EventBody(props: { event: DiscussionEvent; kind: RepoKind; id: string }) {
  const { event } = props;
  const who = <strong>{event.actor?.name ?? "deleted"}</strong>;
  const when = <span class="muted">{formatDate(event.createdAt)}</span>;
  switch (event.kind) {
    case "comment":
      return (
        <article class="comment card">
          <header>
            {who} {when} {event.edited ? <span class="muted">(edited)</span> : null}
          </header>
          {event.hidden ? <p class="muted">This comment was hidden by {event.updatedBy?.name ?? "a moderator"}.</p> : <div class="markdown">{raw(renderMarkdown(event.payload.raw))}</div>}
        </article>
      );
    case "commit":
      return (
        <p>
          {who} added commit <a href={commitPath(props.kind, props.id, event.payload.oid)}><code>{shortSha(event.payload.oid)}</code></a> {event.payload.subject} {when}
        </p>
      );
    case "status-change":
      return (
        <p>
          {who} {event.payload.status === "closed" ? "closed" : "reopened"} this {when}
        </p>
      );
    case "title-change":
      return (
        <p>
          {who} renamed this from “{event.payload.from}” to “{event.payload.to}” {when}
        </p>
      );
    case "merge":
      return (
        <p>
          {who} merged this as <a href={commitPath(props.kind, props.id, event.payload.oid)}><code>{shortSha(event.payload.oid)}</code></a> {when}
        </p>
      );
  }
}
