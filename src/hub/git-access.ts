import type { GitService } from "../git/index.ts";
import type { Hub } from "./hub.ts";
import type { Actor } from "./policy.ts";
import type { Repo, RepoRef } from "./repos.ts";

/**
 * How a git smart HTTP request is answered before git runs: served, a `401` Basic challenge, or a
 * `404`. git asks anonymously first and sends its credentials only after a challenge; a 404 or 403
 * stops it for good.
 */
export type GitAccess = { kind: "serve"; repo: Repo } | { kind: "challenge" } | { kind: "not-found" };

/**
 * Anonymous callers are challenged for every push and for any repository they cannot read; a
 * missing repository gets the same challenge, so its answer does not tell whether a private one
 * exists. Signed-in callers get a 404 for a repository they cannot read, as for a missing one.
 * Whether a push may move refs is decided later, per ref, by the push policy.
 */
export async function gitAccess(hub: Pick<Hub, "repos" | "policy">, actor: Actor, ref: RepoRef, service: GitService): Promise<GitAccess> {
  const { policy } = hub;
  const repo = await hub.repos.find(ref);
  if (actor.user === null) {
    if (service === "git-receive-pack" || repo === undefined) return { kind: "challenge" };
    return (await policy.repoAccess(actor, repo)) === "none" ? { kind: "challenge" } : { kind: "serve", repo };
  }
  if (repo === undefined || (await policy.repoAccess(actor, repo)) === "none") return { kind: "not-found" };
  return { kind: "serve", repo };
}
