import { UnsafeGitInputError } from "./errors.ts";

/** Repositories use SHA-1 object names: 40 lowercase hex digits. */
const OBJECT_ID = /^[0-9a-f]{40}$/;

/** In ref updates: "the ref does not exist" (as old value) or "delete it" (as new value). */
export const ZERO_OID = "0".repeat(40);

/** Git knows the empty tree without it being stored. */
export const EMPTY_TREE_OID = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

export function isObjectId(value: string): boolean {
  return OBJECT_ID.test(value);
}

export function assertObjectId(value: string): string {
  if (!isObjectId(value)) throw new UnsafeGitInputError("object-id", value, "expected 40 lowercase hex digits");
  return value;
}
