import { countCommits, log, type CommitInfo } from "../../git/log.ts";

export interface CommitPage {
  commits: CommitInfo[];
  /** Commits reachable from the start, over all pages. */
  total: number;
}

/** One page of the history reachable from `commit`, newest first. */
export async function commitHistory(gitDir: string, commit: string, page: { skip: number; limit: number }): Promise<CommitPage> {
  const [commits, total] = await Promise.all([log(gitDir, commit, page), countCommits(gitDir, commit)]);
  return { commits, total };
}
