import type { GitService, PushedRef, ReceivePackOptions } from "../git/index.ts";
import { DiscussionStore } from "./discussions/discussion-store.ts";
import { recordPushedPullRequestCommits } from "./discussions/record-pushed-commits.ts";
import { announcePullRequest } from "./announce-pull-request.ts";
import type { Hub } from "./hub.ts";
import type { Actor } from "./policy.ts";
import { decidePush, type PushContext } from "./push-policy.ts";
import { repoId, type Repo } from "./repos.ts";

// A clone of a large repository over a slow link may take long; a push is bounded by the configured git timeout, and
// its pack by the largest request body (a push's body is its pack: the same limit as the HTTP commit API's).
const MIN_UPLOAD_PACK_TIMEOUT_MS = 30 * 60 * 1000;

/** How the git layer serves one smart HTTP request of `actor` on `repo` (already allowed by gitAccess). */
export function gitServingOptions(hub: Hub, actor: Actor, repo: Repo, service: GitService): ReceivePackOptions {
  const { gitTimeoutMs, maxBodyBytes } = hub.config.limits;
  return {
    repoPath: hub.repos.gitDir(repo),
    timeoutMs: service === "git-receive-pack" ? gitTimeoutMs : Math.max(gitTimeoutMs, MIN_UPLOAD_PACK_TIMEOUT_MS),
    maxPackBytes: maxBodyBytes,
    onError: (error) => hub.log.error({ err: error, repo: repoId(repo), kind: repo.kind, service }, "git smart HTTP failed"),
    authorizePush: (commands) => decidePush(pushContext(hub, actor, repo), commands),
    onRefsUpdated: (refs) => refsPushed(hub, actor, repo, refs),
  };
}

function pushContext(hub: Hub, actor: Actor, repo: Repo): PushContext {
  const discussions = new DiscussionStore(hub.db);
  const discussion = async (num: number) => {
    const found = await discussions.find(repo.id, num);
    return found && { num: found.num, kind: found.kind, status: found.status, authorId: found.author_id };
  };
  return { policy: hub.policy, actor, repo, discussion };
}

async function refsPushed(hub: Hub, actor: Actor, repo: Repo, refs: readonly PushedRef[]): Promise<void> {
  await hub.repos.touch(repo);
  const committedTo = await recordPushedPullRequestCommits(hub, actor, repo, refs);
  try {
    await hub.refEvents.emit({ repo, refs, actor });
  } finally {
    for (const num of committedTo) await announcePullRequest(hub, actor, repo, num, "committed");
  }
}
