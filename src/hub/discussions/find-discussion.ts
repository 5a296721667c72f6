import type { Account } from "../accounts.ts";
import { badRequest, notFound, unauthorized } from "../errors.ts";
import type { Hub } from "../hub.ts";
import type { Actor } from "../policy.ts";
import type { Repo } from "../repos.ts";
import { DiscussionStore, type Discussion } from "./discussion-store.ts";

/** Discussion `num` of a repository the caller may already read; a 404 when there is none. */
export async function discussionOf(hub: Pick<Hub, "db">, repo: Repo, num: number): Promise<Discussion> {
  const discussion = await new DiscussionStore(hub.db).find(repo.id, num);
  if (!discussion) throw notFound("DiscussionNotFound", `Discussion #${num} not found in ${repo.namespace}/${repo.name}`);
  return discussion;
}

/** Why a pull request takes no commits (it is closed or merged), or null when it does. */
export function commitsRefusal(pullRequest: Pick<Discussion, "num" | "status">): string | null {
  if (pullRequest.status === "merged") return `pull request #${pullRequest.num} is merged; it takes no more commits`;
  if (pullRequest.status === "closed") return `pull request #${pullRequest.num} is closed; reopen it to add commits`;
  return null;
}

export function assertTakesCommits(pullRequest: Pick<Discussion, "num" | "status">): void {
  const refusal = commitsRefusal(pullRequest);
  if (refusal !== null) throw badRequest(pullRequest.status === "merged" ? "PullRequestMerged" : "PullRequestClosed", refusal);
}

/** The signed-in user behind an actor the policy already let through. */
export function actingUser(actor: Actor): Account {
  if (!actor.user) throw unauthorized("sign in to do this");
  return actor.user;
}
