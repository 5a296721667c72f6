import { UnsafeGitInputError } from "./errors.ts";

export interface GitIdentity {
  name: string;
  email: string;
}

const MAX_LENGTH = 256;
// Git's ident line is `Name <email> timestamp zone`; these characters would break it apart.
const FORBIDDEN = /[<>\x00-\x1f\x7f]/;

/** Environment for commit-tree: author and committer with a fixed date (now by default). */
export function identityEnvironment(author: GitIdentity, committer: GitIdentity = author, date: Date = new Date()): Record<string, string> {
  const when = gitDate(date);
  return {
    GIT_AUTHOR_NAME: checked("name", author.name),
    GIT_AUTHOR_EMAIL: checked("email", author.email),
    GIT_AUTHOR_DATE: when,
    GIT_COMMITTER_NAME: checked("name", committer.name),
    GIT_COMMITTER_EMAIL: checked("email", committer.email),
    GIT_COMMITTER_DATE: when,
  };
}

/** `@<seconds> +0000`, git's raw date format, which no locale or time zone can misread. */
function gitDate(date: Date): string {
  const seconds = Math.floor(date.getTime() / 1000);
  if (!Number.isFinite(seconds)) throw new RangeError("invalid commit date");
  return `@${seconds} +0000`;
}

function checked(field: "name" | "email", value: string): string {
  if (value.trim().length === 0 || value.length > MAX_LENGTH || FORBIDDEN.test(value)) {
    throw new UnsafeGitInputError("identity", value, `${field} must be 1-${MAX_LENGTH} characters without <, > or control characters`);
  }
  return value;
}

/** Commit messages end with one newline and cannot contain NUL. */
export function commitMessage(message: string): string {
  if (message.includes("\0")) throw new UnsafeGitInputError("message", message, "contains NUL");
  return message.endsWith("\n") ? message : `${message}\n`;
}
