import { UnsafeGitInputError } from "./errors.ts";

const MAX_PATH_BYTES = 4096;
const MAX_SEGMENT_BYTES = 255;
const CONTROL_CHARACTER = /[\x00-\x1f\x7f]/;
// `.git` in any spelling that some file system would treat as `.git` (case, trailing dots or
// spaces, the NTFS short name), as git's own verify_path refuses them.
const GIT_DIRECTORY_ALIAS = /^(\.git[. ]*|git~1)$/i;

/** Why `path` cannot name a file in a repository, or null when it can. */
export function treePathProblem(path: string): string | null {
  if (path.length === 0) return "empty";
  if (Buffer.byteLength(path) > MAX_PATH_BYTES) return "too long";
  if (CONTROL_CHARACTER.test(path)) return "contains a control character";
  if (path.includes("\\")) return "contains a backslash";
  if (path.startsWith("/") || path.endsWith("/")) return "starts or ends with '/'";
  for (const segment of path.split("/")) {
    if (segment === "") return "contains an empty segment";
    if (segment === "." || segment === "..") return "contains '.' or '..'";
    if (GIT_DIRECTORY_ALIAS.test(segment)) return "contains a .git segment";
    if (Buffer.byteLength(segment) > MAX_SEGMENT_BYTES) return "has a segment that is too long";
  }
  return null;
}

export function isSafeTreePath(path: string): boolean {
  return treePathProblem(path) === null;
}

/** A relative, normalised path inside a repository (`dir/file.yaml`), or throws. */
export function assertSafeTreePath(path: string): string {
  const problem = treePathProblem(path);
  if (problem !== null) throw new UnsafeGitInputError("path", path, problem);
  return path;
}
