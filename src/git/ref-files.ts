import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { isObjectId } from "./object-id.ts";
import { isValidRefName } from "./ref-names.ts";

/**
 * The object a full ref name points at, read from git's files without starting git: the loose file
 * `$GIT_DIR/<ref>`, else its line in `packed-refs` (the order git itself reads them in; git replaces a loose file
 * by renaming a lock file over it and writes `packed-refs` before deleting loose files, so a reader never sees a
 * ref missing from both while it exists). Undefined when the files cannot tell: a symbolic ref, a reftable
 * repository, a name git would not store, or no such ref in the files (git then decides, so a miss costs what
 * it did before).
 */
export async function readRefFromFiles(gitDir: string, ref: string): Promise<string | undefined> {
  if (!ref.startsWith("refs/") || !isValidRefName(ref)) return undefined;
  const loose = await readText(join(gitDir, ref));
  if (loose !== null) {
    const oid = loose.trim();
    return isObjectId(oid) ? oid : undefined;
  }
  const packed = await readText(join(gitDir, "packed-refs"));
  if (packed === null) return undefined;
  const suffix = ` ${ref}`;
  for (const line of packed.split("\n")) {
    if (line.endsWith(suffix) && line.length === 40 + suffix.length) {
      const oid = line.slice(0, 40);
      return isObjectId(oid) ? oid : undefined;
    }
  }
  return undefined;
}

/** A file's text, or null when it is not there (a directory of refs is not a ref either). */
async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EISDIR" || code === "ENOTDIR") return null;
    throw err;
  }
}
