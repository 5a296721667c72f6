import { GitError } from "./errors.ts";
import { assertObjectId, ZERO_OID } from "./object-id.ts";
import { assertSafeRefName } from "./ref-names.ts";
import { readRef } from "./refs.ts";
import { runGit } from "./run.ts";

export type RefUpdateRejection =
  /** The ref did not hold the expected value: someone else moved it first. `actual` is null when it does not exist. */
  | { ok: false; reason: "stale"; actual: string | null }
  /** The name clashes with an existing ref (`refs/heads/a` blocks `refs/heads/a/b` and the reverse). */
  | { ok: false; reason: "name-conflict"; message: string };

export type RefUpdateResult = { ok: true } | RefUpdateRejection;

/**
 * Points `ref` at `newOid` only if it currently points at `expectedOldOid` (null: only if it does
 * not exist yet). Git checks and moves the ref under its lock, so of two writers racing from the
 * same value exactly one succeeds.
 */
export async function updateRef(
  repoPath: string,
  ref: string,
  newOid: string,
  expectedOldOid: string | null,
): Promise<RefUpdateResult> {
  assertSafeRefName(ref);
  assertObjectId(newOid);
  if (expectedOldOid !== null) assertObjectId(expectedOldOid);
  return compareAndSwap(repoPath, ["update-ref", "--no-deref", ref, newOid, expectedOldOid ?? ZERO_OID], ref, expectedOldOid);
}

/** Deletes `ref` only if it currently points at `expectedOldOid`. */
export async function deleteRef(repoPath: string, ref: string, expectedOldOid: string): Promise<RefUpdateResult> {
  assertSafeRefName(ref);
  assertObjectId(expectedOldOid);
  return compareAndSwap(repoPath, ["update-ref", "--no-deref", "-d", ref, expectedOldOid], ref, expectedOldOid);
}

async function compareAndSwap(
  repoPath: string,
  args: readonly string[],
  ref: string,
  expectedOldOid: string | null,
): Promise<RefUpdateResult> {
  try {
    // Wait for a concurrent writer's lock instead of failing at once, so that losing a race
    // reads as "stale" (the old value no longer matches) rather than as a lock error.
    await runGit(repoPath, args, { config: ["core.filesRefLockTimeout=5000"] });
    return { ok: true };
  } catch (error) {
    // update-ref exits with 128 or (for -d) 1 when the old value does not match.
    if (!(error instanceof GitError) || error.code === null) throw error;
    const actual = await readRef(repoPath, ref);
    if (actual !== expectedOldOid) return { ok: false, reason: "stale", actual };
    if (/exists; cannot create/.test(error.stderr)) {
      return { ok: false, reason: "name-conflict", message: error.stderr.trim().split("\n")[0] ?? "" };
    }
    throw error;
  }
}
