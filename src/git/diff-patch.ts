import { GitOutputLimitError } from "./errors.ts";
import { EMPTY_TREE_OID } from "./object-id.ts";
import { assertSafeRevision } from "./revision.ts";
import { runGit } from "./run.ts";

/**
 * The unified diff (`git diff` text, binary files named but not included) between two commits;
 * `from` null compares against nothing. Null when it would be longer than `maxBytes`.
 */
export async function diffPatch(repoPath: string, from: string | null, to: string, options: { maxBytes: number }): Promise<string | null> {
  const left = from === null ? EMPTY_TREE_OID : assertSafeRevision(from);
  // No textconv or external diff drivers: a repository's attributes must not run programs here.
  const args = ["diff-tree", "-p", "-r", "--no-renames", "--no-color", "--no-ext-diff", "--no-textconv", "--no-commit-id", "--end-of-options", left, assertSafeRevision(to)];
  try {
    const { stdout } = await runGit(repoPath, args, { maxOutputBytes: options.maxBytes });
    return stdout.toString("utf8");
  } catch (error) {
    if (error instanceof GitOutputLimitError) return null;
    throw error;
  }
}
