import type { CatFileReader } from "../../git/cat-file.ts";
import { readCommit } from "../../git/commit-object.ts";
import { lastChangeTimes } from "../../git/last-changes.ts";
import { listTree, type ListedEntry } from "../../git/tree-walk.ts";
import { isResultsPath, RESULTS_DIR } from "./result-rows.ts";

/** Largest results file read; a larger one is indexed as an invalid file rather than read. */
export const MAX_RESULTS_FILE_BYTES = 1024 * 1024;
/** Most results files read from one commit. */
export const MAX_RESULTS_FILES = 2000;

const RESULTS_FOLDER = RESULTS_DIR.slice(0, -1);

export async function commitTime(reader: CatFileReader, commit: string): Promise<string> {
  const info = await readCommit(reader, commit);
  return new Date(info ? info.committerTime * 1000 : Date.now()).toISOString();
}

/** The tree entries of a commit's `.eval_results/**.y(a)ml` files, in path order (at most `MAX_RESULTS_FILES`). */
export async function resultsFileEntries(reader: CatFileReader, commit: string): Promise<ListedEntry[]> {
  const entries = (await listTree(reader, commit, { recursive: true, path: RESULTS_FOLDER })) ?? [];
  return entries.filter((e) => e.type === "blob" && isResultsPath(e.path)).sort((a, b) => (a.path < b.path ? -1 : 1)).slice(0, MAX_RESULTS_FILES);
}

/**
 * When each file was last changed at `commit` (the committer time of `git log -1 -- <file>`), else `fallback`:
 * an entry's date when it has none (spec: the commit time of the file).
 */
export async function fileTimes(reader: CatFileReader, commit: string, paths: readonly string[], fallback: string): Promise<Map<string, string>> {
  const seconds = await lastChangeTimes(reader, commit, RESULTS_FOLDER, paths);
  return new Map(paths.map((path) => {
    const time = seconds.get(path);
    return [path, time === null || time === undefined ? fallback : new Date(time * 1000).toISOString()];
  }));
}
