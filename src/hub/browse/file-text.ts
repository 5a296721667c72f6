import { readBlob } from "../../git/blob.ts";
import { diffPatch } from "../../git/diff-patch.ts";
import { log, type CommitInfo } from "../../git/log.ts";
import { findFile } from "./find-entries.ts";
import type { RepoEntry } from "./entries.ts";

/** A file at a commit for showing on a page: its text, or why there is none (too large, binary). */
export type FileText = { entry: RepoEntry; text: string } | { entry: RepoEntry; text: null; reason: "too-large" | "binary" };

/** The file at `path` in `commit` as text, when it is at most `maxBytes` and looks like text; null when there is no such file. */
export async function readFileText(gitDir: string, commit: string, path: string, maxBytes: number): Promise<FileText | null> {
  const entry = await findFile(gitDir, commit, path);
  if (!entry) return null;
  if (entry.size > maxBytes) return { entry, text: null, reason: "too-large" };
  const content = await readBlob(gitDir, commit, entry.path, { maxBytes });
  if (content === null) return null;
  if (content.subarray(0, 8000).includes(0)) return { entry, text: null, reason: "binary" };
  return { entry, text: content.toString("utf8") };
}

/** One commit with its unified diff against its first parent; `patch` is null past `maxPatchBytes`. */
export async function commitWithPatch(gitDir: string, sha: string, maxPatchBytes: number): Promise<{ commit: CommitInfo; patch: string | null } | null> {
  const [commit] = await log(gitDir, sha, { limit: 1 });
  if (!commit) return null;
  return { commit, patch: await diffPatch(gitDir, commit.parents[0] ?? null, commit.id, { maxBytes: maxPatchBytes }) };
}
