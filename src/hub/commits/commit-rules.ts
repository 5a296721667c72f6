import { treePathProblem } from "../../git/tree-path.ts";
import { HubError } from "../errors.ts";

/**
 * What a commit may contain, whichever way it arrives (the commit endpoint, files at repository
 * creation). Every refusal names the path and the rule, and comes before anything is written.
 */

export const MAX_PATH_BYTES = 1024;

export interface CommitLimits {
  maxFileBytes: number;
  maxFilesPerCommit: number;
}

export type ContentEncoding = "base64" | "utf-8";

// A JSON string can carry a lone UTF-16 surrogate (`"\ud800"`), which no UTF-8 text can hold.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const CONTROL_CHARACTER = /[\x00-\x1f\x7f]/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64_WHITESPACE = /[\t\n\r ]/g;

/** Why `path` cannot be written or deleted by a commit, or null when it can. */
export function commitPathProblem(path: string): string | null {
  if (path.length === 0) return "the path is empty";
  if (LONE_SURROGATE.test(path)) return "the path is not valid UTF-8";
  if (CONTROL_CHARACTER.test(path)) return "the path contains a NUL or control character";
  if (Buffer.byteLength(path) > MAX_PATH_BYTES) return `the path is longer than ${MAX_PATH_BYTES} bytes`;
  if (path.includes("\\")) return "the path contains a backslash";
  if (path.startsWith("/")) return "the path starts with '/'";
  const segments = path.split("/");
  if (segments.includes("..")) return "the path contains a '..' segment";
  if (segments.some((segment) => segment.toLowerCase() === ".git")) return "nothing may be written under .git/";
  // The git layer's own rules catch the rest (empty or '.' segments, trailing '/', .git aliases).
  const problem = treePathProblem(path);
  return problem === null ? null : `the path ${problem}`;
}

/** HF answers 422 for a path it will not store. */
export function assertCommitPath(path: string): string {
  const problem = commitPathProblem(path);
  if (problem !== null) throw new HubError(422, "InvalidPath", `Invalid path ${JSON.stringify(path)}: ${problem}`);
  return path;
}

export function fileTooLarge(path: string | null, bytes: number | null, limits: Pick<CommitLimits, "maxFileBytes">): HubError {
  const what = path === null ? "a file" : `file ${JSON.stringify(path)}`;
  const size = bytes === null ? "is" : `has ${bytes} bytes,`;
  return new HubError(413, "FileTooLarge", `${what} ${size} over the limit of ${limits.maxFileBytes} bytes per file (LFS is not supported; files are stored in git)`);
}

export function lfsNotSupported(path: string, limits: Pick<CommitLimits, "maxFileBytes">): HubError {
  return new HubError(400, "LfsNotSupported", `LFS is not supported; files are stored in git (limit ${limits.maxFileBytes} bytes): cannot commit ${JSON.stringify(path)} as an LFS file`);
}

export function tooManyOperations(limits: Pick<CommitLimits, "maxFilesPerCommit">): HubError {
  return new HubError(400, "TooManyFiles", `a commit may hold at most ${limits.maxFilesPerCommit} file operations; split it into several commits`);
}

/** The bytes of a file sent in a commit, checked against the size limit before they are decoded. */
export function decodeFileContent(path: string, content: string, encoding: ContentEncoding, limits: Pick<CommitLimits, "maxFileBytes">): Buffer {
  if (encoding === "utf-8") {
    if (LONE_SURROGATE.test(content)) throw new HubError(400, "InvalidContent", `file ${JSON.stringify(path)}: the content is not valid UTF-8 text`);
    const bytes = Buffer.byteLength(content);
    if (bytes > limits.maxFileBytes) throw fileTooLarge(path, bytes, limits);
    return Buffer.from(content, "utf8");
  }
  const compact = content.replace(BASE64_WHITESPACE, "");
  // Node's decoder skips whatever it does not understand; a strict check keeps corrupt uploads out.
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) {
    throw new HubError(400, "InvalidContent", `file ${JSON.stringify(path)}: the content is not valid base64 (only A-Z, a-z, 0-9, '+', '/' and final '=' padding, in groups of 4)`);
  }
  const padding = compact.endsWith("==") ? 2 : compact.endsWith("=") ? 1 : 0;
  const bytes = (compact.length / 4) * 3 - padding;
  if (bytes > limits.maxFileBytes) throw fileTooLarge(path, bytes, limits);
  return Buffer.from(compact, "base64");
}

/** The longest NDJSON line a legitimate file can need: its base64 text plus room for the JSON around it. */
export function maxCommitLineBytes(limits: Pick<CommitLimits, "maxFileBytes">): number {
  return Math.ceil(limits.maxFileBytes / 3) * 4 + 64 * 1024;
}
