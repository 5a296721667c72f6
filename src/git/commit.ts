import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { IndexEntry, PlannedChange } from "./apply-changes.ts";
import { applyChanges } from "./apply-changes.ts";
import { commitTree } from "./commit-tree.ts";
import type { GitIdentity } from "./identity.ts";
import { assertObjectId } from "./object-id.ts";
import { assertSafeRefName } from "./ref-names.ts";
import { runGit } from "./run.ts";
import { parseTreeListing } from "./tree.ts";
import { assertSafeTreePath } from "./tree-path.ts";
import type { RefUpdateRejection } from "./update-ref.ts";
import { updateRef } from "./update-ref.ts";
import { writeBlobs, writeTreeFromEntries } from "./write-objects.ts";

/** Write a file (creating directories as needed), or delete a file or a whole directory. */
export type FileChange = { path: string; content: Buffer | string } | { path: string; delete: true };

export interface CreateCommitInput {
  /** The commit the changes apply to; null for a first commit. */
  parent: string | null;
  /** The ref to move, e.g. `refs/heads/main` or `refs/pr/3`. */
  branchRef: string;
  /** What `branchRef` must still point at for the commit to land; null: it must not exist yet. */
  expectedHead: string | null;
  /** Applied in order, so a later change to the same path wins. */
  changes: readonly FileChange[];
  message: string;
  author: GitIdentity;
  committer?: GitIdentity;
  date?: Date;
}

export type CreateCommitResult = { ok: true; commit: string; tree: string } | RefUpdateRejection;

/**
 * Creates a commit from in-memory changes without a work tree, then moves `branchRef` with a
 * compare-and-swap. Objects are written first and the ref last, so readers see either the old
 * head or the complete new commit; a writer that lost a race gets `reason: "stale"` and its
 * objects are left for gc. Throws PathNotFoundError when a delete matches nothing.
 *
 * How: the parent's files are listed into memory and the changes applied there, which makes
 * directory deletes, file/directory swaps and deletes of missing paths explicit; a throwaway index
 * then turns the listing into nested trees via write-tree. That is less code than rebuilding each
 * changed tree level with mktree, and git keeps its own ordering and path rules.
 */
export async function createCommit(repoPath: string, input: CreateCommitInput): Promise<CreateCommitResult> {
  if (input.parent !== null) assertObjectId(input.parent);
  if (input.expectedHead !== null) assertObjectId(input.expectedHead);
  assertSafeRefName(input.branchRef);
  for (const change of input.changes) assertSafeTreePath(change.path);

  const workDir = await mkdtemp(join(tmpdir(), "evalhub-commit-"));
  try {
    const entries = input.parent === null ? new Map<string, IndexEntry>() : await readFlatTree(repoPath, input.parent);
    applyChanges(entries, await planChanges(repoPath, workDir, input.changes));
    const tree = await writeTreeFromEntries(repoPath, workDir, entries);
    const commit = await commitTree(repoPath, {
      tree,
      parents: input.parent === null ? [] : [input.parent],
      message: input.message,
      author: input.author,
      committer: input.committer,
      date: input.date,
    });
    const update = await updateRef(repoPath, input.branchRef, commit, input.expectedHead);
    return update.ok ? { ok: true, commit, tree } : update;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Every file (and submodule) of a commit, keyed by path. */
async function readFlatTree(repoPath: string, commit: string): Promise<Map<string, IndexEntry>> {
  const { stdout } = await runGit(repoPath, ["ls-tree", "-r", "-z", "--full-tree", "--end-of-options", commit]);
  return new Map(parseTreeListing(stdout).map((entry) => [entry.path, { mode: entry.mode, oid: entry.oid }]));
}

/** Stores the new contents and turns each change into a path and a blob id. */
async function planChanges(repoPath: string, workDir: string, changes: readonly FileChange[]): Promise<PlannedChange[]> {
  const contents: Buffer[] = [];
  for (const change of changes) {
    if ("content" in change) contents.push(typeof change.content === "string" ? Buffer.from(change.content) : change.content);
  }
  const oids = await writeBlobs(repoPath, workDir, contents);
  let next = 0;
  return changes.map((change) => ("content" in change ? { path: change.path, oid: oids[next++] ?? "" } : { path: change.path, delete: true }));
}
