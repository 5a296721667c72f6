import type { CommitOutcome } from "../../hub/commits/commit-files.ts";
import type { Repo } from "../../hub/repos.ts";
import { commitUrl, discussionUrl } from "./urls.ts";

export interface CommitResultBody {
  success: true;
  commitOid: string;
  /** Python splits it on `/commit/` and parses the rest as a repo URL on the endpoint's host. */
  commitUrl: string;
  hookOutput: string;
  /** With `?create_pr=1`; Python needs it then and reads N from `…/discussions/N`. */
  pullRequestUrl?: string;
}

export function presentCommitResult(base: string, repo: Repo, outcome: CommitOutcome): CommitResultBody {
  const body: CommitResultBody = { success: true, commitOid: outcome.commit, commitUrl: commitUrl(base, repo, outcome.commit), hookOutput: "" };
  if (outcome.pullRequest) body.pullRequestUrl = discussionUrl(base, repo, outcome.pullRequest.num);
  return body;
}
