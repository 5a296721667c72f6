import type { DiscussionStatus } from "../../../db/schema.ts";

/** A discussion's state as a coloured label. */
export function StatusBadge(props: { status: DiscussionStatus }) {
  return <span class={`badge status-${props.status}`}>{props.status}</span>;
}
