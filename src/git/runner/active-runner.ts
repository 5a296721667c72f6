import { GitRunner } from "./git-runner.ts";

let active: GitRunner | null = null;

/** The runner git commands start from, if `useGitRunner` was called; null when they start from this process. */
export function activeGitRunner(): GitRunner | null {
  return active;
}

/**
 * From now on, git starts from a helper process (see git-runner.ts): what a long-running server does, whose size
 * makes every process start stop its event loop. Smart HTTP still starts git here (see smart-http.ts).
 * Returns the function that stops it.
 */
export function useGitRunner(): () => void {
  const runner = new GitRunner();
  active = runner;
  return () => {
    if (active === runner) active = null;
    runner.close();
  };
}
