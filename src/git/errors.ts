/** Typed failures of the git layer. Expected outcomes (a stale ref, a merge conflict) are results, not errors. */

export interface GitFailure {
  args: readonly string[];
  code: number | null;
  signal: string | null;
  stderr: string;
}

/** A git process failed: it could not start, exited with an unexpected code, or was killed. */
export class GitError extends Error {
  override name = "GitError";
  readonly args: readonly string[];
  readonly code: number | null;
  readonly signal: string | null;
  readonly stderr: string;

  constructor(message: string, failure: GitFailure, options?: { cause?: unknown }) {
    super(message, options);
    this.args = failure.args;
    this.code = failure.code;
    this.signal = failure.signal;
    this.stderr = failure.stderr;
  }
}

/** The process ran longer than allowed; its whole process group was killed. */
export class GitTimeoutError extends GitError {
  override name = "GitTimeoutError";
}

/** The process wrote more output than allowed; its whole process group was killed. */
export class GitOutputLimitError extends GitError {
  override name = "GitOutputLimitError";
}

export type UnsafeInputKind = "ref" | "revision" | "path" | "object-id" | "identity" | "message" | "protocol";

/** A caller-supplied value was refused before it could reach git's command line or stdin. */
export class UnsafeGitInputError extends Error {
  override name = "UnsafeGitInputError";

  constructor(
    readonly kind: UnsafeInputKind,
    readonly value: string,
    reason: string,
  ) {
    super(`unsafe ${kind} ${JSON.stringify(value.slice(0, 200))}: ${reason}`);
  }
}

/** A commit asked to delete a path that does not exist in its parent. */
export class PathNotFoundError extends Error {
  override name = "PathNotFoundError";

  constructor(readonly path: string) {
    super(`path not found: ${path}`);
  }
}

/** An object was larger than the reader was allowed to hold in memory; stream it instead. */
export class GitObjectTooLargeError extends Error {
  override name = "GitObjectTooLargeError";

  constructor(
    readonly oid: string,
    readonly size: number,
    readonly limit: number,
  ) {
    super(`object ${oid} has ${size} bytes, more than the ${limit} allowed in memory`);
  }
}
