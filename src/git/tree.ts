import { GitError } from "./errors.ts";
import { assertSafeRevision } from "./revision.ts";
import { runGit } from "./run.ts";
import { assertSafeTreePath } from "./tree-path.ts";

export type TreeEntryType = "blob" | "tree" | "commit";

export interface TreeEntry {
  /** Path from the repository root. */
  path: string;
  type: TreeEntryType;
  /** `100644`, `100755`, `120000` (symlink), `040000` (tree) or `160000` (submodule). */
  mode: string;
  oid: string;
  /** Size in bytes for blobs, null for trees and submodules. */
  size: number | null;
}

export interface ReadTreeOptions {
  /** Also list everything below sub-directories (directories included). */
  recursive?: boolean;
  /** The directory to list; the root when omitted. */
  path?: string;
}

// The size column is there only with `ls-tree -l`.
const ENTRY = /^([0-7]{6}) (blob|tree|commit) ([0-9a-f]{40})(?: +(-|[0-9]+))?\t(.+)$/s;

/**
 * The entries of a directory at a commit. Null when the revision does not exist or the path is
 * missing or is not a directory.
 */
export async function readTree(repoPath: string, commit: string, options: ReadTreeOptions = {}): Promise<TreeEntry[] | null> {
  assertSafeRevision(commit);
  let treeish = commit;
  let prefix = "";
  if (options.path !== undefined) {
    const path = assertSafeTreePath(options.path);
    const entries = await listTree(repoPath, commit, { pathspec: path });
    const directory = entries?.find((entry) => entry.path === path);
    if (directory?.type !== "tree") return null;
    treeish = directory.oid;
    prefix = `${path}/`;
  }
  const entries = await listTree(repoPath, treeish, { recursive: options.recursive === true });
  return entries?.map((entry) => ({ ...entry, path: prefix + entry.path })) ?? null;
}

async function listTree(
  repoPath: string,
  treeish: string,
  options: { recursive?: boolean; pathspec?: string },
): Promise<TreeEntry[] | null> {
  const args = ["ls-tree", "-l", "-z"];
  if (options.recursive === true) args.push("-r", "-t");
  args.push("--end-of-options", treeish);
  if (options.pathspec !== undefined) args.push("--", options.pathspec);
  const result = await runGit(repoPath, args, { allowExitCodes: [128] });
  if (result.code === 128) {
    if (/Not a valid object name|not a tree object/.test(result.stderr)) return null;
    throw new GitError(`git ls-tree failed: ${result.stderr.trim()}`, { args, code: 128, signal: null, stderr: result.stderr });
  }
  return parseTreeListing(result.stdout);
}

export function parseTreeListing(output: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of output.toString("utf8").split("\0")) {
    if (record === "") continue;
    const match = ENTRY.exec(record);
    if (match === null) throw new Error(`unexpected ls-tree output: ${JSON.stringify(record.slice(0, 200))}`);
    const [, mode = "", type = "", oid = "", size, path = ""] = match;
    entries.push({ path, type: type as TreeEntryType, mode, oid, size: size === undefined || size === "-" ? null : Number(size) });
  }
  return entries;
}
