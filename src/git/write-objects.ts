import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { IndexEntry } from "./apply-changes.ts";
import { isObjectId } from "./object-id.ts";
import { runGit } from "./run.ts";

/**
 * Stores blobs and returns their ids in the same order. The contents go through files in
 * `workDir` so that a single `hash-object` process writes all of them.
 */
export async function writeBlobs(repoPath: string, workDir: string, contents: readonly Buffer[]): Promise<string[]> {
  if (contents.length === 0) return [];
  const files = contents.map((_, i) => join(workDir, `blob-${i}`));
  await Promise.all(contents.map((content, i) => writeFile(files[i] ?? "", content)));
  const { stdout } = await runGit(repoPath, ["hash-object", "-w", "--no-filters", "--stdin-paths"], {
    input: files.map((file) => `${file}\n`).join(""),
  });
  return objectIds(stdout, contents.length, "hash-object");
}

/**
 * Stores the tree for a flattened listing (`path → entry`) and returns its id. It fills a
 * throwaway index in `workDir` and lets `write-tree` build the nested trees, which keeps
 * git's own rules for ordering and for file/directory clashes.
 */
export async function writeTreeFromEntries(repoPath: string, workDir: string, entries: ReadonlyMap<string, IndexEntry>): Promise<string> {
  const env = { GIT_INDEX_FILE: join(workDir, "index") };
  if (entries.size > 0) {
    let input = "";
    for (const [path, entry] of entries) input += `${entry.mode} ${entry.oid}\t${path}\0`;
    await runGit(repoPath, ["update-index", "--add", "-z", "--index-info"], { env, input });
  }
  // Without an index file, write-tree stores the empty tree.
  const { stdout } = await runGit(repoPath, ["write-tree"], { env });
  return objectIds(stdout, 1, "write-tree")[0] ?? "";
}

function objectIds(stdout: Buffer, expected: number, command: string): string[] {
  const ids = stdout.toString("utf8").split("\n").filter((line) => line !== "");
  if (ids.length !== expected || !ids.every(isObjectId)) {
    throw new Error(`git ${command} returned ${ids.length} object ids, expected ${expected}`);
  }
  return ids;
}
