import { readRef } from "../../git/refs.ts";
import { deleteRef } from "../../git/update-ref.ts";
import { conflict, notFound } from "../errors.ts";

// A ref that keeps moving under us is refused after this many tries rather than spun on.
const ATTEMPTS = 3;

/**
 * Deletes `ref` whatever it points at now and returns what that was; 404 RevisionNotFound (naming
 * what the client `asked`) when it does not exist.
 */
export async function deleteExistingRef(gitDir: string, ref: string, asked: string): Promise<string> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await readRef(gitDir, ref).catch(() => null);
    if (current === null) throw notFound("RevisionNotFound", `Invalid rev id: ${asked}`);
    if ((await deleteRef(gitDir, ref, current)).ok) return current;
  }
  throw conflict("RefConflict", `${ref} kept changing while it was being deleted; try again`);
}
