import { log } from "../../git/log.ts";
import { ZERO_OID } from "../../git/object-id.ts";
import type { PushedRef } from "../../git/push-updates.ts";
import type { Hub } from "../hub.ts";
import type { Actor } from "../policy.ts";
import type { Repo } from "../repos.ts";
import { DiscussionStore } from "./discussion-store.ts";
import { recordPullRequestCommits } from "./record-commits.ts";

// A push of a long history records its newest commits only; the ref itself holds all of them.
const MAX_COMMITS_PER_PUSH = 100;
const PULL_REQUEST_REF = /^refs\/pr\/([1-9][0-9]{0,8})$/;

/**
 * Records a `commit` event for every commit a push added to a pull request's ref (what `git log
 * new ^old` lists, so a force-push records the commits that replaced the old ones). Returns the
 * numbers of the pull requests that got commits.
 */
export async function recordPushedPullRequestCommits(hub: Hub, actor: Actor, repo: Repo, refs: readonly PushedRef[]): Promise<number[]> {
  const user = actor.user;
  if (!user) return [];
  const store = new DiscussionStore(hub.db);
  const committedTo: number[] = [];
  for (const pushed of refs) {
    const match = PULL_REQUEST_REF.exec(pushed.ref);
    if (!match || pushed.kind === "delete") continue;
    const pullRequest = await store.find(repo.id, Number(match[1]));
    if (pullRequest?.kind !== "pull_request") continue;
    const excluding = pushed.oldOid !== ZERO_OID ? pushed.oldOid : (pullRequest.base_ref ?? undefined);
    const added = await log(hub.repos.gitDir(repo), pushed.newOid, { excluding, limit: MAX_COMMITS_PER_PUSH });
    if (added.length === 0) continue;
    await recordPullRequestCommits(hub.db, pullRequest, user, added.reverse().map((commit) => ({ oid: commit.id, subject: commit.title })));
    committedTo.push(pullRequest.num);
  }
  return committedTo;
}
