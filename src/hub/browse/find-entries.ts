import { readTree } from "../../git/tree.ts";
import { isSafeTreePath } from "../../git/tree-path.ts";
import { normaliseEntryPath, toRepoEntries, type RepoEntry } from "./entries.ts";

/** Past this many distinct directories, one recursive listing is cheaper than one listing per directory. */
const MAX_DIRECTORY_LISTINGS = 4;

/** The entries at `paths` in a commit, in the order asked for; paths that are not there are left out. */
export async function findEntries(gitDir: string, commit: string, paths: readonly string[]): Promise<RepoEntry[]> {
  const wanted = [...new Set(paths.map(normaliseEntryPath))].filter((path) => path !== "" && isSafeTreePath(path));
  if (wanted.length === 0) return [];
  const parents = [...new Set(wanted.map(parentOf))];
  const found = new Map<string, RepoEntry>();
  const listings =
    parents.length > MAX_DIRECTORY_LISTINGS
      ? [await readTree(gitDir, commit, { recursive: true })]
      : await Promise.all(parents.map((parent) => readTree(gitDir, commit, parent === "" ? {} : { path: parent })));
  for (const listing of listings) for (const entry of toRepoEntries(listing ?? [])) found.set(entry.path, entry);
  return wanted.flatMap((path) => found.get(path) ?? []);
}

/** The file at `path` in a commit, or null (also for a directory). */
export async function findFile(gitDir: string, commit: string, path: string): Promise<RepoEntry | null> {
  const [entry] = await findEntries(gitDir, commit, [path]);
  return entry?.type === "file" ? entry : null;
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}
