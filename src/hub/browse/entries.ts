import type { TreeEntry } from "../../git/tree.ts";

/** A file or directory of a repository at a commit, as the Hub lists them (submodules are left out). */
export interface RepoEntry {
  type: "file" | "directory";
  /** From the repository root, without leading or trailing `/`. */
  path: string;
  /** The git blob sha1 of a file, the git tree sha1 of a directory. */
  oid: string;
  /** Bytes for a file, 0 for a directory. */
  size: number;
}

export function toRepoEntries(entries: readonly TreeEntry[]): RepoEntry[] {
  const out: RepoEntry[] = [];
  for (const entry of entries) {
    if (entry.type === "blob") out.push({ type: "file", path: entry.path, oid: entry.oid, size: entry.size ?? 0 });
    else if (entry.type === "tree") out.push({ type: "directory", path: entry.path, oid: entry.oid, size: 0 });
  }
  return out;
}

/** A client's path (`/dir/file/`, `dir//file`) in the form git names it: `dir/file`; "" for the root. */
export function normaliseEntryPath(path: string): string {
  return path.split("/").filter((segment) => segment !== "").join("/");
}
