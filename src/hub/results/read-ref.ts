import { blobSpec } from "../../git/blob.ts";
import type { CatFileReader } from "../../git/cat-file.ts";
import { readCommit } from "../../git/commit-object.ts";
import { GitObjectTooLargeError } from "../../git/errors.ts";
import { lastChangeTimes } from "../../git/last-changes.ts";
import { listTree } from "../../git/tree-walk.ts";
import { isResultsPath, RESULTS_DIR, type ResultsFile } from "./result-rows.ts";

/** Largest results file read; a larger one is indexed as an invalid file rather than read. */
export const MAX_RESULTS_FILE_BYTES = 1024 * 1024;
/** Most results files read from one commit. */
export const MAX_RESULTS_FILES = 2000;

const RESULTS_FOLDER = RESULTS_DIR.slice(0, -1);

export async function commitTime(reader: CatFileReader, commit: string): Promise<string> {
  const info = await readCommit(reader, commit);
  return new Date(info ? info.committerTime * 1000 : Date.now()).toISOString();
}

/** The `.eval_results/**.y(a)ml` files of a commit, in path order. */
export async function readResultsFiles(reader: CatFileReader, commit: string): Promise<ResultsFile[]> {
  const entries = (await listTree(reader, commit, { recursive: true, path: RESULTS_FOLDER })) ?? [];
  const files = entries.filter((e) => e.type === "blob" && isResultsPath(e.path)).sort((a, b) => (a.path < b.path ? -1 : 1)).slice(0, MAX_RESULTS_FILES);
  // All requests at once: the reader answers them in order from one process.
  const contents = await Promise.all(files.map((file) => reader.read(blobSpec(commit, file.path), { maxBytes: MAX_RESULTS_FILE_BYTES }).catch(tooLarge)));
  const out: ResultsFile[] = [];
  for (const [i, file] of files.entries()) {
    const object = contents[i];
    if (object === TOO_LARGE) out.push({ path: file.path, bytes: new Uint8Array(MAX_RESULTS_FILE_BYTES + 1) });
    else if (object?.type === "blob") out.push({ path: file.path, bytes: object.content });
  }
  return out;
}

const TOO_LARGE = Symbol("too large");

function tooLarge(err: unknown): typeof TOO_LARGE {
  if (err instanceof GitObjectTooLargeError) return TOO_LARGE;
  throw err;
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
