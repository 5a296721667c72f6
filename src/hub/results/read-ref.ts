import { blobSpec } from "../../git/blob.ts";
import { CatFileReader } from "../../git/cat-file.ts";
import { log } from "../../git/log.ts";
import { readTree } from "../../git/tree.ts";
import { isResultsPath, RESULTS_DIR, type ResultsFile } from "./result-rows.ts";

/** Largest results file read; a larger one is indexed as an invalid file rather than read. */
export const MAX_RESULTS_FILE_BYTES = 1024 * 1024;
/** Most results files read from one commit. */
export const MAX_RESULTS_FILES = 2000;

export async function commitTime(gitDir: string, commit: string): Promise<string> {
  const [info] = await log(gitDir, commit, { limit: 1 });
  return new Date(info?.committerDate ?? Date.now()).toISOString();
}

/** The `.eval_results/**.y(a)ml` files of a commit, in path order. */
export async function readResultsFiles(gitDir: string, commit: string): Promise<ResultsFile[]> {
  const entries = (await readTree(gitDir, commit, { recursive: true, path: RESULTS_DIR.slice(0, -1) })) ?? [];
  const files = entries.filter((e) => e.type === "blob" && isResultsPath(e.path)).sort((a, b) => (a.path < b.path ? -1 : 1)).slice(0, MAX_RESULTS_FILES);
  const out: ResultsFile[] = [];
  // One `cat-file --batch` for every file of the commit: a process per file made indexing cost a process per file.
  const reader = new CatFileReader(gitDir);
  try {
    for (const file of files) {
      if ((file.size ?? 0) > MAX_RESULTS_FILE_BYTES) {
        out.push({ path: file.path, bytes: new Uint8Array(MAX_RESULTS_FILE_BYTES + 1) });
        continue;
      }
      const object = await reader.read(blobSpec(commit, file.path));
      if (object?.type === "blob") out.push({ path: file.path, bytes: object.content });
    }
  } finally {
    await reader.close();
  }
  return out;
}

/** When each file was last changed at `commit`: an entry's date when it has none (spec: the commit time of the file). */
export async function fileTimes(gitDir: string, commit: string, paths: readonly string[]): Promise<Map<string, string>> {
  const times = new Map<string, string>();
  for (const path of paths) {
    const [last] = await log(gitDir, commit, { path, limit: 1 });
    times.set(path, new Date(last?.committerDate ?? (await commitTime(gitDir, commit))).toISOString());
  }
  return times;
}
