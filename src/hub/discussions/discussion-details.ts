import { diffPatch } from "../../git/diff-patch.ts";
import { diffTree, type ChangeStatus } from "../../git/diff-tree.ts";
import { conflictingPaths, mergeBase } from "../../git/merge.ts";
import { readRef } from "../../git/refs.ts";
import type { Hub } from "../hub.ts";
import type { Repo } from "../repos.ts";
import type { Discussion } from "./discussion-store.ts";
import { DiscussionEventStore, type DiscussionEvent } from "./event-store.ts";
import { discussionOf } from "./find-discussion.ts";

/** Longer diffs are left out of the details; the file list still names every changed file. */
export const MAX_DIFF_BYTES = 2 * 1024 * 1024;

export interface PullRequestChanges {
  /** The branch it targets, e.g. `refs/heads/main`. */
  baseRef: string;
  /** The head of `refs/pr/N` (for a merged one: the head that was merged). */
  head: string | null;
  /** What the base branch moved to when it was merged. */
  mergeCommit: string | null;
  /** Where it forked from its base (for a merged one: the base it was merged into); what its changes are measured against. */
  forkPoint: string | null;
  /** Files the pull request changes since it forked from its base. */
  files: { path: string; status: ChangeStatus }[];
  /** Files a merge into the current base would conflict on (only while it is open). */
  conflictingFiles: string[];
  /** The unified diff of those changes, when asked for and not over MAX_DIFF_BYTES. */
  diff: string | null;
}

export interface DiscussionDetails {
  discussion: Discussion;
  events: DiscussionEvent[];
  /** Null for a discussion. */
  changes: PullRequestChanges | null;
}

/** Discussion `num` with its events and, for a pull request, what it changes (the caller may read the repository). */
export async function discussionDetails(hub: Hub, repo: Repo, num: number, options: { diff: boolean }): Promise<DiscussionDetails> {
  const discussion = await discussionOf(hub, repo, num);
  const events = await new DiscussionEventStore(hub.db).list(discussion.id);
  const changes = discussion.kind === "pull_request" ? await pullRequestChanges(hub, repo, discussion, events, options) : null;
  return { discussion, events, changes };
}

async function pullRequestChanges(hub: Hub, repo: Repo, pullRequest: Discussion, events: readonly DiscussionEvent[], options: { diff: boolean }): Promise<PullRequestChanges> {
  const gitDir = hub.repos.gitDir(repo);
  const baseRef = pullRequest.base_ref ?? "refs/heads/main";
  const merge = events.findLast((event) => event.kind === "merge");
  const changes: PullRequestChanges = { baseRef, head: null, mergeCommit: null, forkPoint: null, files: [], conflictingFiles: [], diff: null };

  let forkPoint: string | null;
  if (merge?.kind === "merge") {
    // After the merge the base contains the pull request; its changes are those it had when merged.
    changes.head = merge.payload.head;
    changes.mergeCommit = merge.payload.oid;
    forkPoint = merge.payload.base;
  } else {
    changes.head = pullRequest.git_ref === null ? null : await readRef(gitDir, pullRequest.git_ref);
    const baseHead = await readRef(gitDir, baseRef);
    if (changes.head === null) return changes;
    forkPoint = baseHead === null ? null : await mergeBase(gitDir, baseHead, changes.head);
    const open = pullRequest.status === "open" || pullRequest.status === "draft";
    if (open && baseHead !== null && forkPoint !== null && forkPoint !== baseHead && forkPoint !== changes.head) {
      changes.conflictingFiles = await conflictingPaths(gitDir, baseHead, changes.head);
    }
  }
  changes.forkPoint = forkPoint;
  changes.files = (await diffTree(gitDir, forkPoint, changes.head)).map(({ path, status }) => ({ path, status }));
  if (options.diff) changes.diff = await diffPatch(gitDir, forkPoint, changes.head, { maxBytes: MAX_DIFF_BYTES });
  return changes;
}
