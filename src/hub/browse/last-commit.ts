import { log } from "../../git/log.ts";

export interface LastCommit {
  id: string;
  title: string;
  /** ISO 8601 in UTC. */
  date: string;
}

/** Each `git log -1 -- path` is a process of its own; this many run at once. */
const CONCURRENCY = 8;

/** The newest commit reachable from `commit` that changed `path`. */
export async function lastCommitOf(gitDir: string, commit: string, path: string): Promise<LastCommit | null> {
  const [found] = await log(gitDir, commit, { limit: 1, path });
  return found ? { id: found.id, title: found.title, date: new Date(found.authorDate).toISOString() } : null;
}

/** The last commit of every path, in the order given. Callers cap how many paths they ask for. */
export async function lastCommitsOf(gitDir: string, commit: string, paths: readonly string[]): Promise<(LastCommit | null)[]> {
  const results: (LastCommit | null)[] = new Array<LastCommit | null>(paths.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const i = next++;
      results[i] = await lastCommitOf(gitDir, commit, paths[i] ?? "");
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, paths.length) }, worker));
  return results;
}
