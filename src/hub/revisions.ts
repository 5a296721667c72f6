import { readRef, resolveRef } from "../git/refs.ts";
import { notFound } from "./errors.ts";

/**
 * Resolves a client's revision in a repository to a commit: `HEAD` (the default branch `main`),
 * a branch, a tag, `refs/pr/N`, or a full or abbreviated sha. Throws 404 RevisionNotFound otherwise.
 */
export async function resolveRevision(gitDir: string, rev: string): Promise<string> {
  const sha = await findRevision(gitDir, rev);
  if (!sha) throw notFound("RevisionNotFound", `Invalid rev id: ${rev}`);
  return sha;
}

export async function findRevision(gitDir: string, rev: string): Promise<string | null> {
  return resolveRef(gitDir, rev === "HEAD" || rev === "" ? "refs/heads/main" : rev);
}

/** Whether `rev` names a ref exactly as written or as a branch or tag (used to split raw URL paths). */
export async function refExists(gitDir: string, rev: string): Promise<boolean> {
  if (rev.startsWith("refs/")) return (await readRef(gitDir, rev).catch(() => null)) !== null;
  for (const full of [`refs/heads/${rev}`, `refs/tags/${rev}`]) {
    if ((await readRef(gitDir, full).catch(() => null)) !== null) return true;
  }
  return false;
}
