import { createHash } from "node:crypto";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";

/**
 * A fingerprint of a repository's ref storage, taken without starting git: the inode, size and modification time
 * of `packed-refs` and of every file below `refs/`. Git never edits a ref file in place (it writes a lock file and
 * renames it over, or deletes it), so when two stamps are equal no ref moved between them. Null when the stamp
 * cannot tell (refs in a reftable, a repository that cannot be read): then assume everything moved.
 */
export async function refStamp(gitDir: string): Promise<string | null> {
  try {
    if (await exists(join(gitDir, "reftable"))) return null;
    const hash = createHash("sha256");
    hash.update(await fileStamp(join(gitDir, "packed-refs")));
    await stampTree(join(gitDir, "refs"), "refs", hash);
    return hash.digest("hex");
  } catch {
    return null;
  }
}

async function stampTree(dir: string, name: string, hash: ReturnType<typeof createHash>): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await stampTree(path, `${name}/${entry.name}`, hash);
    else hash.update(`${name}/${entry.name}\0${await fileStamp(path)}\n`);
  }
}

async function fileStamp(path: string): Promise<string> {
  const s = await stat(path, { bigint: true }).catch((err: NodeJS.ErrnoException) => (err.code === "ENOENT" ? null : Promise.reject(err)));
  return s === null ? "-" : `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null)) !== null;
}
