import { readRef } from "../../git/refs.ts";
import { isValidBranchName } from "../../git/ref-names.ts";
import { DiscussionStore } from "../discussions/discussion-store.ts";
import { assertTakesCommits } from "../discussions/find-discussion.ts";
import { badRequest, notFound } from "../errors.ts";
import type { Hub } from "../hub.ts";
import type { Actor } from "../policy.ts";
import type { Repo } from "../repos.ts";

/** Where a commit (or a preupload ahead of it) lands, decided before the request body is read. */
export type CommitTarget =
  | { kind: "branch"; ref: string; head: string }
  | { kind: "pull-request"; ref: string; num: number; head: string }
  | { kind: "new-pull-request"; baseRef: string; baseHead: string };

const PULL_REQUEST_REF = /^refs\/pr\/([1-9][0-9]{0,8})$/;

/** The commit the target's changes apply to, unless the client names another parent. */
export const targetHead = (target: CommitTarget) => (target.kind === "new-pull-request" ? target.baseHead : target.head);

/**
 * Checks the actor may commit to `rev` (`main`, `refs/heads/x`, `refs/pr/N`) or, with `createPr`, open
 * a pull request against branch `rev`, and reads the current head. Permissions come first, so that
 * nobody learns which revisions exist in a repository they may not write to.
 */
export async function resolveCommitTarget(hub: Hub, actor: Actor, repo: Repo, rev: string, createPr: boolean): Promise<CommitTarget> {
  const gitDir = hub.repos.gitDir(repo);
  if (createPr) {
    await hub.policy.assertOpenPullRequest(actor, repo);
    const baseRef = branchRefOf(rev);
    if (baseRef === null) throw badRequest("InvalidReference", `a pull request targets a branch; ${JSON.stringify(rev)} is not one`);
    return { kind: "new-pull-request", baseRef, baseHead: await existingHead(gitDir, baseRef, rev) };
  }

  const match = PULL_REQUEST_REF.exec(rev);
  if (match) {
    // Its author or a writer commits to an open (or draft) pull request; closed and merged ones take no commits.
    const num = Number(match[1]);
    const pullRequest = await new DiscussionStore(hub.db).find(repo.id, num);
    if (pullRequest?.kind !== "pull_request") {
      await hub.policy.assertWrite(actor, repo);
      throw notFound("RevisionNotFound", `Invalid rev id: ${rev} (there is no pull request #${num})`);
    }
    await hub.policy.assertDiscussion(actor, repo, { authorId: pullRequest.author_id }, "commit");
    assertTakesCommits(pullRequest);
    return { kind: "pull-request", ref: rev, num, head: await existingHead(gitDir, rev, rev) };
  }

  await hub.policy.assertWrite(actor, repo);
  const ref = branchRefOf(rev);
  if (ref === null) throw revisionNotFound(rev);
  return { kind: "branch", ref, head: await existingHead(gitDir, ref, rev) };
}

/** `main`, `HEAD` (the default branch) or `refs/heads/main` → `refs/heads/main`; null for anything else. */
function branchRefOf(rev: string): string | null {
  const name = rev === "" || rev === "HEAD" ? "main" : rev.startsWith("refs/heads/") ? rev.slice("refs/heads/".length) : rev;
  if (name.startsWith("refs/") || !isValidBranchName(name)) return null;
  return `refs/heads/${name}`;
}

async function existingHead(gitDir: string, ref: string, rev: string): Promise<string> {
  const head = await readRef(gitDir, ref);
  if (head === null) throw revisionNotFound(rev);
  return head;
}

const revisionNotFound = (rev: string) => notFound("RevisionNotFound", `Invalid rev id: ${rev}`);
