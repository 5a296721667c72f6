/** One change of a commit, as the domain sees it (whatever wire format carried it). */
export type CommitOperation =
  | { op: "write"; path: string; content: Buffer }
  | { op: "delete-file"; path: string }
  | { op: "delete-folder"; path: string };

/** A checked request for one atomic commit: paths, sizes and counts already satisfy commit-rules.ts. */
export interface CommitRequest {
  summary: string;
  description: string;
  /** The commit the client based its changes on; null when it did not say. */
  parentCommit: string | null;
  operations: CommitOperation[];
}

/** The git message: summary, then the description as the body when there is one. */
export function commitMessageOf(request: Pick<CommitRequest, "summary" | "description">): string {
  const description = request.description.trim();
  return description === "" ? request.summary : `${request.summary}\n\n${description}`;
}
