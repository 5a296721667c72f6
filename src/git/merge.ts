import { commitTree } from "./commit-tree.ts";
import type { GitIdentity } from "./identity.ts";
import { assertObjectId, isObjectId } from "./object-id.ts";
import { runGit } from "./run.ts";

export interface MergeInput {
  /** The commit merged into, e.g. the head of `main`. */
  ours: string;
  /** The commit being merged, e.g. the head of `refs/pr/3`. */
  theirs: string;
  message: string;
  author: GitIdentity;
  committer?: GitIdentity;
  date?: Date;
}

export type MergeResult =
  /** `theirs` is already contained in `ours`; nothing to do. */
  | { kind: "up-to-date"; commit: string }
  /** `ours` is an ancestor of `theirs`; the result is `theirs` itself. */
  | { kind: "fast-forward"; commit: string }
  /** A new merge commit with parents `ours` and `theirs`. */
  | { kind: "merged"; commit: string; tree: string }
  | { kind: "conflict"; paths: string[] }
  /** The two commits share no history. */
  | { kind: "unrelated" };

/**
 * Merges two commits without a work tree and returns the commit a branch should move to.
 * Moves no refs: the caller applies the result with updateRef and its expected old value.
 */
export async function mergeCommits(repoPath: string, input: MergeInput): Promise<MergeResult> {
  const ours = assertObjectId(input.ours);
  const theirs = assertObjectId(input.theirs);
  const base = await mergeBase(repoPath, ours, theirs);
  if (base === null) return { kind: "unrelated" };
  if (base === theirs) return { kind: "up-to-date", commit: ours };
  if (base === ours) return { kind: "fast-forward", commit: theirs };

  const { tree, conflicts } = await mergeTrees(repoPath, ours, theirs);
  if (conflicts.length > 0) return { kind: "conflict", paths: conflicts };

  const commit = await commitTree(repoPath, {
    tree,
    parents: [ours, theirs],
    message: input.message,
    author: input.author,
    committer: input.committer,
    date: input.date,
  });
  return { kind: "merged", commit, tree };
}

/**
 * The files a merge of `theirs` into `ours` would conflict on (none for a clean merge), without a
 * work tree and without writing a commit; for showing whether a pull request can be merged.
 */
export async function conflictingPaths(repoPath: string, ours: string, theirs: string): Promise<string[]> {
  return (await mergeTrees(repoPath, assertObjectId(ours), assertObjectId(theirs))).conflicts;
}

async function mergeTrees(repoPath: string, ours: string, theirs: string): Promise<{ tree: string; conflicts: string[] }> {
  const { stdout, code } = await runGit(
    repoPath,
    ["merge-tree", "--write-tree", "-z", "--name-only", "--no-messages", ours, theirs],
    { allowExitCodes: [1] },
  );
  // `<tree>\0` then, on conflict (exit 1), `<path>\0` per conflicted stage.
  const [tree = "", ...paths] = stdout.toString("utf8").split("\0").filter((part) => part !== "");
  if (!isObjectId(tree)) throw new Error(`git merge-tree returned ${JSON.stringify(tree)}`);
  return { tree, conflicts: code === 1 ? [...new Set(paths)].sort() : [] };
}

/** The best common ancestor of two commits, or null when they share none. */
export async function mergeBase(repoPath: string, a: string, b: string): Promise<string | null> {
  const { stdout, code } = await runGit(repoPath, ["merge-base", assertObjectId(a), assertObjectId(b)], { allowExitCodes: [1] });
  const base = stdout.toString("utf8").trim();
  return code === 0 && isObjectId(base) ? base : null;
}

/** Whether `ancestor` is reachable from `descendant` (a commit counts as its own ancestor). */
export async function isAncestor(repoPath: string, ancestor: string, descendant: string): Promise<boolean> {
  const args = ["merge-base", "--is-ancestor", assertObjectId(ancestor), assertObjectId(descendant)];
  const { code } = await runGit(repoPath, args, { allowExitCodes: [1] });
  return code === 0;
}
