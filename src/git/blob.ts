import { PassThrough } from "node:stream";
import type { Readable } from "node:stream";
import { CatFileReader } from "./cat-file.ts";
import type { GitError } from "./errors.ts";
import { assertObjectId } from "./object-id.ts";
import { assertSafeRevision } from "./revision.ts";
import { checkedExitCode } from "./run.ts";
import { spawnGit } from "./spawn.ts";
import { assertSafeTreePath } from "./tree-path.ts";

/** `rev:path`, the name of a file at a revision, with both parts validated. */
export function blobSpec(rev: string, path: string): string {
  return `${assertSafeRevision(rev)}:${assertSafeTreePath(path)}`;
}

/**
 * The content of the file at `path` in `rev`; null when there is no such file. For hot paths use a
 * CatFilePool, which keeps the process between reads.
 */
export async function readBlob(repoPath: string, rev: string, path: string, options: { maxBytes?: number } = {}): Promise<Buffer | null> {
  const reader = new CatFileReader(repoPath, { maxObjectBytes: options.maxBytes });
  try {
    const object = await reader.read(blobSpec(rev, path));
    return object?.type === "blob" ? object.content : null;
  } finally {
    await reader.close();
  }
}

/**
 * Streams a blob of any size. The stream errors if git fails, and destroying it kills git.
 * Check that the blob exists first (CatFilePool.info): a missing one only shows up as a stream error.
 */
export function streamBlob(repoPath: string, oid: string, options: { timeoutMs?: number } = {}): Readable {
  const proc = spawnGit(repoPath, ["cat-file", "blob", assertObjectId(oid)], { timeoutMs: options.timeoutMs ?? 600_000 });
  proc.stdin.end();
  const output = new PassThrough();
  proc.stdout.pipe(output, { end: false });
  output.on("close", () => proc.kill());
  void proc.exited.then((exit) => {
    try {
      checkedExitCode(proc, exit, []);
      output.end();
    } catch (error) {
      output.destroy(error as GitError);
    }
  });
  return output;
}
