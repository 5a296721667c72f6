import { UsageError } from "./usage-error.ts";

const REPO_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}\/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;

/** A repository id argument `ns/name`, checked before it goes into a URL. */
export function repoIdArgument(value: string, what: string): string {
  if (!REPO_ID.test(value)) throw new UsageError(`${what} must be ns/name, not "${value}"`);
  return value;
}
