import { createCommit, type CreateCommitResult, type FileChange } from "../../git/commit.ts";
import { PathNotFoundError } from "../../git/errors.ts";
import { resolveRef } from "../../git/refs.ts";
import { readTree } from "../../git/tree.ts";
import type { Account } from "../accounts.ts";
import { announcePullRequest } from "../announce-pull-request.ts";
import { announceRefUpdate } from "../announce-ref-update.ts";
import type { CommitPayload } from "../discussions/event-payloads.ts";
import { discussionOf } from "../discussions/find-discussion.ts";
import { recordOpening } from "../discussions/open-discussion.ts";
import { recordPullRequestCommits } from "../discussions/record-commits.ts";
import { HubError, conflict, notFound, unauthorized } from "../errors.ts";
import type { Hub } from "../hub.ts";
import type { Actor } from "../policy.ts";
import { PullRequests } from "../pull-requests.ts";
import type { Repo } from "../repos.ts";
import { checkDeletions, missingEntry } from "./check-deletions.ts";
import { commitAuthor } from "./commit-author.ts";
import { commitMessageOf, type CommitOperation, type CommitRequest } from "./commit-request.ts";
import type { CommitTarget } from "./commit-target.ts";

export interface CommitOutcome {
  commit: string;
  /** Set when the commit opened a pull request. */
  pullRequest: { num: number; ref: string } | null;
}

// Python's test_create_commit_conflict looks for this exact sentence.
const branchMoved = () => new HubError(412, "PreconditionFailed", "The branch was updated since you opened this page. Please refresh and try again.");

/**
 * Makes one atomic commit of `request` on the target (resolved and permission-checked by
 * resolveCommitTarget). The target ref moves with a compare-and-swap from the head read before, so
 * a client's stale `parentCommit` or a lost race is a 412 and nothing is written.
 */
export async function commitFiles(hub: Hub, actor: Actor, repo: Repo, target: CommitTarget, request: CommitRequest): Promise<CommitOutcome> {
  const user = actor.user;
  if (!user) throw unauthorized("sign in to commit");
  if (target.kind === "new-pull-request") return openPullRequest(hub, actor, user, repo, target, request);
  if (request.parentCommit !== null && request.parentCommit !== target.head) throw branchMoved();
  const result = await commitOnto(hub, user, repo, { parent: target.head, ref: target.ref, expectedHead: target.head }, request);
  if (!result.ok) throw result.reason === "stale" ? branchMoved() : conflict("RefConflict", `cannot write ${target.ref}: ${result.message}`);
  await announceRefUpdate(hub, actor, repo, target.ref, target.head, result.commit);
  if (target.kind === "pull-request") await pullRequestCommitted(hub, actor, user, repo, target.num, { oid: result.commit, subject: request.summary });
  return { commit: result.commit, pullRequest: null };
}

async function pullRequestCommitted(hub: Hub, actor: Actor, user: Account, repo: Repo, num: number, commit: CommitPayload): Promise<void> {
  const pullRequest = await discussionOf(hub, repo, num);
  await recordPullRequestCommits(hub.db, pullRequest, user, [commit]);
  await announcePullRequest(hub, actor, repo, num, "committed");
}

/** A new `refs/pr/N` holding one commit on top of the base head, or on the client's `parentCommit`. */
async function openPullRequest(hub: Hub, actor: Actor, user: Account, repo: Repo, target: Extract<CommitTarget, { kind: "new-pull-request" }>, request: CommitRequest): Promise<CommitOutcome> {
  const parent = request.parentCommit ?? target.baseHead;
  if ((await resolveRef(hub.repos.gitDir(repo), parent)) !== parent) throw notFound("RevisionNotFound", `Invalid rev id: ${parent}`);
  const pullRequests = new PullRequests(hub.db);
  const reserved = await pullRequests.reserve({ repoId: repo.id, authorId: user.id, title: request.summary, baseRef: target.baseRef });
  let result: CreateCommitResult;
  try {
    result = await commitOnto(hub, user, repo, { parent, ref: reserved.ref, expectedHead: null }, request);
  } catch (error) {
    await pullRequests.discard(repo.id, reserved.num);
    throw error;
  }
  if (!result.ok) {
    await pullRequests.discard(repo.id, reserved.num);
    // Only a ref made outside the hub (or left from a lost database) can be in the way.
    throw conflict("RefConflict", `${reserved.ref} already exists in the repository without a pull request; an admin must remove it`);
  }
  const pullRequest = await discussionOf(hub, repo, reserved.num);
  await recordOpening(hub.db, pullRequest.id, user, request.description);
  await recordPullRequestCommits(hub.db, pullRequest, user, [{ oid: result.commit, subject: request.summary }]);
  await announceRefUpdate(hub, actor, repo, reserved.ref, null, result.commit);
  await announcePullRequest(hub, actor, repo, reserved.num, "opened");
  return { commit: result.commit, pullRequest: reserved };
}

async function commitOnto(hub: Hub, user: Account, repo: Repo, at: { parent: string; ref: string; expectedHead: string | null }, request: CommitRequest): Promise<CreateCommitResult> {
  const gitDir = hub.repos.gitDir(repo);
  if (request.operations.some((o) => o.op !== "write")) {
    const entries = (await readTree(gitDir, at.parent, { recursive: true })) ?? [];
    checkDeletions(entries.filter((e) => e.type !== "tree").map((e) => e.path), request.operations);
  }
  let result: CreateCommitResult;
  try {
    result = await createCommit(gitDir, {
      parent: at.parent,
      branchRef: at.ref,
      expectedHead: at.expectedHead,
      changes: request.operations.map(toFileChange),
      message: commitMessageOf(request),
      author: commitAuthor(user),
    });
  } catch (error) {
    // checkDeletions already refused these; kept for a parent that changed kind under us.
    if (error instanceof PathNotFoundError) throw missingEntry("A file with this name doesn't exist", error.path);
    throw error;
  }
  if (result.ok) await hub.repos.touch(repo);
  return result;
}

function toFileChange(operation: CommitOperation): FileChange {
  return operation.op === "write" ? { path: operation.path, content: operation.content } : { path: operation.path, delete: true };
}
