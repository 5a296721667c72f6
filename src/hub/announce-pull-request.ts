import type { Hub } from "./hub.ts";
import type { Actor } from "./policy.ts";
import type { PullRequestAction } from "./pull-request-events.ts";
import { repoId, type Repo } from "./repos.ts";

/**
 * Tells `hub.pullRequestEvents` listeners about a change that is already stored, so a failing
 * listener is logged rather than turned into an error for a request whose change succeeded.
 */
export async function announcePullRequest(hub: Hub, actor: Actor, repo: Repo, num: number, action: PullRequestAction): Promise<void> {
  try {
    await hub.pullRequestEvents.emit({ repo, num, action, actor });
  } catch (error) {
    hub.log.error({ err: error, repo: repoId(repo), num, action }, "a listener of a pull request change failed");
  }
}
