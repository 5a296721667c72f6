import { mergeBase, mergeCommits } from "../../git/merge.ts";
import { readRef } from "../../git/refs.ts";
import { updateRef } from "../../git/update-ref.ts";
import { announcePullRequest } from "../announce-pull-request.ts";
import { announceRefUpdate } from "../announce-ref-update.ts";
import { commitAuthor } from "../commits/commit-author.ts";
import { badRequest, conflict } from "../errors.ts";
import type { Hub } from "../hub.ts";
import type { Actor } from "../policy.ts";
import type { Repo } from "../repos.ts";
import type { Discussion } from "./discussion-store.ts";
import { DiscussionStore } from "./discussion-store.ts";
import { DiscussionEventStore } from "./event-store.ts";
import { actingUser, discussionOf } from "./find-discussion.ts";
import { checkedComment } from "./text-rules.ts";

export interface MergeOutcome {
  /** What the base branch now points at. */
  commit: string;
  kind: "fast-forward" | "merged";
}

// A lost race for the base branch is retried once with its new head, then answered with a 409.
const ATTEMPTS = 2;

/**
 * `POST …/discussions/N/merge` `{comment?}`: writers merge an open (or draft) pull request into its
 * base branch without a work tree: a fast-forward when the base has not moved since the pull
 * request forked, a merge commit with both parents otherwise. A conflict is a 409 naming the files,
 * and nothing changes. The base moves with a compare-and-swap, so a concurrent push is never lost.
 */
export async function mergePullRequest(hub: Hub, actor: Actor, repo: Repo, num: number, comment?: string): Promise<MergeOutcome> {
  const pullRequest = await discussionOf(hub, repo, num);
  await hub.policy.assertDiscussion(actor, repo, { authorId: pullRequest.author_id }, "merge");
  if (pullRequest.kind !== "pull_request") throw badRequest("NotAPullRequest", `#${num} is a discussion, not a pull request`);
  if (pullRequest.status === "merged") throw badRequest("PullRequestMerged", `pull request #${num} is already merged`);
  if (pullRequest.status === "closed") throw badRequest("PullRequestClosed", `pull request #${num} is closed; reopen it before merging`);
  const raw = comment === undefined || comment.trim() === "" ? null : checkedComment(comment);
  const user = actingUser(actor);
  const gitDir = hub.repos.gitDir(repo);
  const baseRef = pullRequest.base_ref ?? "refs/heads/main";
  const head = pullRequest.git_ref === null ? null : await readRef(gitDir, pullRequest.git_ref);
  if (head === null) throw conflict("RefConflict", `${pullRequest.git_ref ?? `refs/pr/${num}`} is missing from the repository`);

  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const baseHead = await readRef(gitDir, baseRef);
    if (baseHead === null) throw conflict("RefConflict", `the base branch ${baseRef} no longer exists`);
    const result = await mergeCommits(gitDir, { ours: baseHead, theirs: head, message: mergeMessage(pullRequest), author: commitAuthor(user) });
    if (result.kind === "up-to-date") throw badRequest("NothingToMerge", `${baseRef} already contains every commit of pull request #${num}; close it instead`);
    if (result.kind === "unrelated") throw conflict("UnrelatedHistories", `pull request #${num} shares no history with ${baseRef}`);
    if (result.kind === "conflict") {
      throw conflict("MergeConflict", `pull request #${num} conflicts with ${baseRef} in: ${result.paths.join(", ")}`, { body: { conflictingFiles: result.paths } });
    }
    const forkPoint = result.kind === "fast-forward" ? baseHead : ((await mergeBase(gitDir, baseHead, head)) ?? baseHead);
    const moved = await updateRef(gitDir, baseRef, result.commit, baseHead);
    if (!moved.ok) {
      if (moved.reason === "stale") continue;
      throw conflict("RefConflict", `cannot move ${baseRef}: ${moved.message}`);
    }
    await hub.db.transaction().execute(async (trx) => {
      const events = new DiscussionEventStore(trx);
      if (raw !== null) await events.add(pullRequest.id, "comment", user, { raw, history: [] });
      await events.add(pullRequest.id, "merge", user, { oid: result.commit, head, base: forkPoint });
      await new DiscussionStore(trx).update(pullRequest.id, { status: "merged" });
    });
    await hub.repos.touch(repo);
    await announceRefUpdate(hub, actor, repo, baseRef, baseHead, result.commit);
    await announcePullRequest(hub, actor, repo, num, "merged");
    return { commit: result.commit, kind: result.kind };
  }
  throw conflict("BranchMoved", `${baseRef} kept moving while merging pull request #${num}; try again`);
}

function mergeMessage(pullRequest: Discussion): string {
  return `${pullRequest.title} (#${pullRequest.num})\n\nMerge pull request #${pullRequest.num} from ${pullRequest.git_ref ?? ""}`;
}
