import type { PushCommand, PushDecision } from "../git/index.ts";
import type { Actor, Policy } from "./policy.ts";
import { repoId, type Repo } from "./repos.ts";

export interface PushContext {
  policy: Policy;
  actor: Actor;
  repo: Repo;
}

/** A refusal message for one ref update, or null to let it through. */
export type RefRule = (context: PushContext, command: PushCommand) => string | null | Promise<string | null>;

const PROTECTED_BRANCH = "refs/heads/main";

/** `refs/pr/*` belongs to pull requests; pushing to one's own open pull request will be allowed here. */
export const refusePrRefs: RefRule = () => "refs/pr/* is managed by pull requests; open one with the API";

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
export async function decidePush(context: PushContext, commands: readonly PushCommand[], prRefRule: RefRule = refusePrRefs): Promise<PushDecision> {
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
