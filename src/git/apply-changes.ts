import { PathNotFoundError } from "./errors.ts";

/** One file of a flattened tree, as the index stores it. */
export interface IndexEntry {
  mode: string;
  oid: string;
}

export type PlannedChange = { path: string; oid: string } | { path: string; delete: true };

const EXECUTABLE_OR_REGULAR = new Set(["100644", "100755"]);

/**
 * Applies changes in order to a flattened tree (`path → entry`, files only). Writing `a/b` removes a
 * file `a`; writing `a` removes everything below `a/`; deleting `a` removes the file `a` or, if
 * there is none, the whole directory. Deleting a path that matches nothing throws PathNotFoundError.
 */
export function applyChanges(entries: Map<string, IndexEntry>, changes: readonly PlannedChange[]): void {
  // Every directory that may hold entries. It can go stale after deletions, which only costs a scan.
  const directories = new Set<string>();
  for (const path of entries.keys()) addAncestors(directories, path);

  for (const change of changes) {
    if ("delete" in change) {
      if (entries.delete(change.path)) continue;
      if (directories.has(change.path) && removeBelow(entries, change.path) > 0) continue;
      throw new PathNotFoundError(change.path);
    }
    for (const ancestor of ancestors(change.path)) entries.delete(ancestor);
    if (directories.has(change.path)) removeBelow(entries, change.path);
    const previous = entries.get(change.path);
    const mode = previous !== undefined && EXECUTABLE_OR_REGULAR.has(previous.mode) ? previous.mode : "100644";
    entries.set(change.path, { mode, oid: change.oid });
    addAncestors(directories, change.path);
  }
}

function removeBelow(entries: Map<string, IndexEntry>, directory: string): number {
  const prefix = `${directory}/`;
  let removed = 0;
  for (const path of entries.keys()) {
    if (path.startsWith(prefix)) {
      entries.delete(path);
      removed++;
    }
  }
  return removed;
}

function ancestors(path: string): string[] {
  const result: string[] = [];
  for (let slash = path.indexOf("/"); slash !== -1; slash = path.indexOf("/", slash + 1)) {
    result.push(path.slice(0, slash));
  }
  return result;
}

function addAncestors(directories: Set<string>, path: string): void {
  for (const ancestor of ancestors(path)) directories.add(ancestor);
}
