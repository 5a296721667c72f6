import { readTree } from "../../git/tree.ts";
import { assertCommitPath, fileTooLarge, type CommitLimits } from "./commit-rules.ts";
import { targetHead, type CommitTarget } from "./commit-target.ts";
import type { Hub } from "../hub.ts";
import type { Repo } from "../repos.ts";

export interface PlannedUpload {
  path: string;
  size: number;
}

export interface UploadAdvice {
  path: string;
  /** The git blob id of the file already at `path`, so clients can skip unchanged files. */
  existingOid: string | null;
}

/**
 * Tells clients how to send files before they commit them: always as regular git files (there is no
 * LFS). Bad paths and oversized files are refused here already, before clients upload anything.
 */
export async function adviseUploads(hub: Hub, repo: Repo, target: CommitTarget, files: readonly PlannedUpload[], limits: CommitLimits): Promise<{ head: string; files: UploadAdvice[] }> {
  for (const file of files) {
    assertCommitPath(file.path);
    if (file.size > limits.maxFileBytes) throw fileTooLarge(file.path, file.size, limits);
  }
  const head = targetHead(target);
  const existing = new Map<string, string>();
  for (const entry of (await readTree(hub.repos.gitDir(repo), head, { recursive: true })) ?? []) {
    if (entry.type === "blob") existing.set(entry.path, entry.oid);
  }
  return { head, files: files.map((file) => ({ path: file.path, existingOid: existing.get(file.path) ?? null })) };
}
