import { UnsafeGitInputError } from "./errors.ts";

const MAX_REF_NAME_LENGTH = 1024;
// Control characters, space, DEL and the characters git gives a meaning in revisions.
const FORBIDDEN_CHARACTER = /[\x00-\x20\x7f~^:?*[\\]/;

/**
 * The rules of `git check-ref-format`, plus one of ours: no name may start with `-`,
 * so that no ref name can ever be read as an option.
 */
export function isValidRefName(name: string, options: { allowOneLevel?: boolean } = {}): boolean {
  if (name.length === 0 || name.length > MAX_REF_NAME_LENGTH) return false;
  if (name.startsWith("-") || name === "@") return false;
  if (FORBIDDEN_CHARACTER.test(name)) return false;
  if (name.includes("..") || name.includes("@{")) return false;
  if (name.endsWith(".")) return false;
  const components = name.split("/");
  if (components.length < 2 && options.allowOneLevel !== true) return false;
  return components.every((c) => c.length > 0 && !c.startsWith(".") && !c.endsWith(".lock"));
}

/** A full ref name under `refs/` (e.g. `refs/heads/main`, `refs/pr/3`), or throws. */
export function assertSafeRefName(name: string): string {
  if (!name.startsWith("refs/") || !isValidRefName(name)) {
    throw new UnsafeGitInputError("ref", name, "not a valid full ref name under refs/");
  }
  return name;
}

/** A short branch name such as `main` or `feat/x` (what `git branch` would accept). */
export function isValidBranchName(name: string): boolean {
  return name !== "HEAD" && !name.startsWith("-") && isValidRefName(`refs/heads/${name}`);
}

/** A short tag name such as `v1.0`. */
export function isValidTagName(name: string): boolean {
  return !name.startsWith("-") && isValidRefName(`refs/tags/${name}`);
}

export function branchRef(name: string): string {
  if (!isValidBranchName(name)) throw new UnsafeGitInputError("ref", name, "not a valid branch name");
  return `refs/heads/${name}`;
}

export function tagRef(name: string): string {
  if (!isValidTagName(name)) throw new UnsafeGitInputError("ref", name, "not a valid tag name");
  return `refs/tags/${name}`;
}
