import type { DiscussionDetails } from "../../hub/discussions/discussion-details.ts";
import type { Discussion } from "../../hub/discussions/discussion-store.ts";
import type { Repo } from "../../hub/repos.ts";
import { presentAuthor, presentEvent, type AuthorBody, type EventBody } from "./discussion-event.ts";
import { discussionUrl } from "./urls.ts";

/** HF's discussion object (§2.14), as Python `get_repo_discussions` reads it. */
export interface DiscussionBody {
  num: number;
  title: string;
  status: Discussion["status"];
  isPullRequest: boolean;
  createdAt: string;
  /** Missing once the author's account is gone (Python shows "deleted"). */
  author?: AuthorBody;
  repo: { name: string; type: Repo["kind"] };
  pinned: false;
  url: { web: string };
  /** For a pull request: where its commits live. */
  gitRef?: string;
}

export interface DiscussionDetailsBody extends DiscussionBody {
  events: EventBody[];
  /** Pull requests only. Python reads `base` (the target branch) and `mergeCommitId`. */
  changes?: { base: string; mergeCommitId?: string; head?: string; files: { path: string; status: string }[] };
  filesWithConflicts?: string[];
  diff?: string;
}

export function presentDiscussion(base: string, repo: Repo, discussion: Discussion): DiscussionBody {
  const body: DiscussionBody = {
    num: discussion.num,
    title: discussion.title,
    status: discussion.status,
    isPullRequest: discussion.kind === "pull_request",
    createdAt: discussion.created_at,
    repo: { name: `${repo.namespace}/${repo.name}`, type: repo.kind },
    pinned: false,
    url: { web: discussionUrl(base, repo, discussion.num) },
  };
  if (discussion.author) body.author = presentAuthor(discussion.author);
  if (discussion.git_ref !== null) body.gitRef = discussion.git_ref;
  return body;
}

export function presentDiscussionDetails(base: string, repo: Repo, details: DiscussionDetails): DiscussionDetailsBody {
  const body: DiscussionDetailsBody = { ...presentDiscussion(base, repo, details.discussion), events: details.events.map(presentEvent) };
  const changes = details.changes;
  if (changes) {
    body.changes = { base: changes.baseRef, files: changes.files };
    if (changes.head !== null) body.changes.head = changes.head;
    if (changes.mergeCommit !== null) body.changes.mergeCommitId = changes.mergeCommit;
    body.filesWithConflicts = changes.conflictingFiles;
    if (changes.diff !== null) body.diff = changes.diff;
  }
  return body;
}
