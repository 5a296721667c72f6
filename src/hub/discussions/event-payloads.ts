/** A version of a comment that an edit replaced; its text is dropped when the comment is hidden. */
export interface CommentVersion {
  raw?: string;
  updatedAt: string;
  /** The name of who wrote this version. */
  author: string | null;
}

export interface CommentPayload {
  /** Markdown as written; rendering and sanitising it is the web layer's job. */
  raw: string;
  /** Earlier versions, oldest first: one per edit. */
  history: CommentVersion[];
}

export interface StatusChangePayload {
  status: "open" | "closed";
}

export interface CommitPayload {
  oid: string;
  subject: string;
}

export interface TitleChangePayload {
  from: string;
  to: string;
}

export interface MergePayload {
  /** What the base branch moved to: a merge commit, or the pull request's head when fast-forwarded. */
  oid: string;
  /** The pull request's head that was merged. */
  head: string;
  /** Where the pull request forked from the base branch, so its diff stays readable after the merge. */
  base: string;
}

/** The JSON kept in `discussion_events.payload` for each kind of event. */
export interface PayloadOf {
  comment: CommentPayload;
  "status-change": StatusChangePayload;
  commit: CommitPayload;
  "title-change": TitleChangePayload;
  merge: MergePayload;
}

