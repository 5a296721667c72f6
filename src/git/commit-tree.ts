import type { GitIdentity } from "./identity.ts";
import { commitMessage, identityEnvironment } from "./identity.ts";
import { assertObjectId, isObjectId } from "./object-id.ts";
import { runGit } from "./run.ts";

export interface CommitTreeInput {
  tree: string;
  parents: readonly string[];
  message: string;
  author: GitIdentity;
  /** Defaults to the author. */
  committer?: GitIdentity;
  /** Author and committer date; now by default. */
  date?: Date;
}

/** Stores a commit object (no ref moves) and returns its id. */
export async function commitTree(repoPath: string, input: CommitTreeInput): Promise<string> {
  const args = ["commit-tree", assertObjectId(input.tree)];
  for (const parent of input.parents) args.push("-p", assertObjectId(parent));
  const { stdout } = await runGit(repoPath, args, {
    input: commitMessage(input.message),
    env: identityEnvironment(input.author, input.committer, input.date),
  });
  const id = stdout.toString("utf8").trim();
  if (!isObjectId(id)) throw new Error(`git commit-tree returned ${JSON.stringify(id)}`);
  return id;
}
