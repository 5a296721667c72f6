import { UnsafeGitInputError } from "./errors.ts";
import { isValidRefName } from "./ref-names.ts";

const ABBREVIATED_OBJECT_ID = /^[0-9a-f]{4,40}$/;

/**
 * The revisions a client may name: `HEAD`, a full or abbreviated object id, or a ref name
 * (`main`, `refs/pr/3`, `v1.0`). Revision syntax such as `main~1`, `:/text` or `@{1}` is refused:
 * none of it can pass the ref name rules.
 */
export function isSafeRevision(rev: string): boolean {
  return rev === "HEAD" || ABBREVIATED_OBJECT_ID.test(rev) || isValidRefName(rev, { allowOneLevel: true });
}

export function assertSafeRevision(rev: string): string {
  if (!isSafeRevision(rev)) throw new UnsafeGitInputError("revision", rev, "expected HEAD, an object id or a ref name");
  return rev;
}
