import { readTree } from "../../git/tree.ts";
import { isSafeTreePath } from "../../git/tree-path.ts";
import { notFound } from "../errors.ts";
import { normaliseEntryPath, toRepoEntries, type RepoEntry } from "./entries.ts";

/**
 * The entries of a directory at a commit (the root for ""), in git's order; with `recursive`,
 * everything below it too, directories included. 404 EntryNotFound when the directory is not there.
 */
export async function listEntries(gitDir: string, commit: string, options: { path: string; recursive: boolean }): Promise<RepoEntry[]> {
  const path = normaliseEntryPath(options.path);
  if (path !== "" && !isSafeTreePath(path)) throw entryNotFound(path);
  const entries = await readTree(gitDir, commit, { recursive: options.recursive, ...(path === "" ? {} : { path }) });
  if (entries === null) throw entryNotFound(path);
  return toRepoEntries(entries);
}

export const entryNotFound = (path: string) => notFound("EntryNotFound", `Entry not found: ${path}`);
