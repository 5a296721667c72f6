import type { DiscussionKind, DiscussionStatus } from "../db/schema.ts";
import type { PushCommand, PushDecision } from "../git/index.ts";
import { commitsRefusal } from "./discussions/find-discussion.ts";
import type { Actor, Policy } from "./policy.ts";
import { repoId, type Repo } from "./repos.ts";

/** What a push to `refs/pr/N` needs to know about discussion N. */
export interface PushedDiscussion {
  num: number;
  kind: DiscussionKind;
  status: DiscussionStatus;
  authorId: number | null;
}

export interface PushContext {
  policy: Policy;
  actor: Actor;
  repo: Repo;
  /** Discussion `num` of the repository, if there is one. */
  discussion(num: number): Promise<PushedDiscussion | undefined>;
}

/** A refusal message for one ref update, or null to let it through. */
export type RefRule = (context: PushContext, command: PushCommand) => string | null | Promise<string | null>;

const PROTECTED_BRANCH = "refs/heads/main";
const PULL_REQUEST_REF = /^refs\/pr\/([1-9][0-9]{0,8})$/;

/**
 * `refs/pr/N` belongs to pull request N: its author or a writer may push to it while it is open (or
 * a draft); nobody deletes it, and there is nothing to push to without the pull request.
 */
export const pullRequestRefRule: RefRule = async ({ policy, actor, repo, discussion }, command) => {
  const match = PULL_REQUEST_REF.exec(command.ref);
  if (!match) return `${command.ref} is not a pull request ref; pull requests live at refs/pr/<number>`;
  const num = Number(match[1]);
  if (command.kind === "delete") return `${command.ref} cannot be deleted; close pull request #${num} instead`;
  const pullRequest = await discussion(num);
  if (!pullRequest) return `pull request #${num} does not exist in ${repoId(repo)}; open it first (POST /api/${repo.kind}s/${repoId(repo)}/discussions with "pullRequest": true)`;
  if (pullRequest.kind !== "pull_request") return `#${num} of ${repoId(repo)} is a discussion, not a pull request`;
  const refusal = await policy.discussionRefusal(actor, repo, { authorId: pullRequest.authorId }, "commit");
  if (refusal) return refusal.message;
  return commitsRefusal(pullRequest);
};

/** Branches and tags need write access to the repository; the default branch cannot be deleted. */
export const branchAndTagRule: RefRule = async ({ policy, actor, repo }, command) => {
  if (!(await policy.canWrite(actor, repo))) return `You don't have write access to ${repoId(repo)}`;
  if (command.ref === PROTECTED_BRANCH && command.kind === "delete") return `Cannot delete ${PROTECTED_BRANCH}`;
  return null;
};

/**
 * Decides a push before any ref moves: every update must pass the rule for its kind of ref, or
 * the whole push is refused with the first refusal (git shows it as `remote rejected`).
 */
export async function decidePush(context: PushContext, commands: readonly PushCommand[], prRefRule: RefRule = pullRequestRefRule): Promise<PushDecision> {
  for (const command of commands) {
    const refusal = await ruleFor(command.ref, prRefRule)(context, command);
    if (refusal !== null) return { ok: false, message: refusal };
  }
  return { ok: true };
}

function ruleFor(ref: string, prRefRule: RefRule): RefRule {
  if (ref.startsWith("refs/pr/")) return prRefRule;
  if (ref.startsWith("refs/heads/") || ref.startsWith("refs/tags/")) return branchAndTagRule;
  return () => `${ref} is not a branch or tag; push to refs/heads/* or refs/tags/*`;
}
