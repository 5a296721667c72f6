import { blobSpec } from "./blob.ts";
import type { CatFileReader } from "./cat-file.ts";
import { assertSafeRevision } from "./revision.ts";
import { parseTreeObject } from "./tree-object.ts";
import type { ReadTreeOptions, TreeEntry } from "./tree.ts";

/** A tree entry read from tree objects, which do not record blob sizes (ask the reader's `info` when needed). */
export type ListedEntry = Omit<TreeEntry, "size">;

/** Past this many entries a listing fails rather than growing without bound (`ls-tree` had its output cap). */
export const MAX_LISTED_ENTRIES = 1_000_000;

/**
 * `readTree` through a cat-file reader the caller already has: the same entries in the same order (`ls-tree -r -t`
 * order when recursive), without starting a process. Null when the revision does not exist or the path is missing
 * or is not a directory.
 */
export async function listTree(reader: CatFileReader, rev: string, options: ReadTreeOptions = {}): Promise<ListedEntry[] | null> {
  const spec = options.path === undefined ? `${assertSafeRevision(rev)}^{tree}` : blobSpec(rev, options.path);
  const root = await reader.read(spec);
  if (root?.type !== "tree") return null;
  const out: ListedEntry[] = [];
  await walk(reader, root.content, options.path === undefined ? "" : `${options.path}/`, options.recursive === true, out);
  return out;
}

async function walk(reader: CatFileReader, content: Buffer, prefix: string, recursive: boolean, out: ListedEntry[]): Promise<void> {
  const entries = parseTreeObject(content);
  if (out.length + entries.length > MAX_LISTED_ENTRIES) throw new Error(`tree listing of ${reader.repoPath} has more than ${MAX_LISTED_ENTRIES} entries`);
  // Every sub-tree of this level is requested at once: the reader pipelines them.
  const subtrees = recursive ? await Promise.all(entries.map((e) => (e.type === "tree" ? readTreeObject(reader, e.oid) : null))) : [];
  for (const [i, entry] of entries.entries()) {
    const path = prefix + entry.name;
    out.push({ path, type: entry.type, mode: entry.mode, oid: entry.oid });
    const subtree = subtrees[i];
    if (subtree) await walk(reader, subtree, `${path}/`, true, out);
  }
}

async function readTreeObject(reader: CatFileReader, oid: string): Promise<Buffer> {
  const object = await reader.read(oid);
  if (object?.type !== "tree") throw new Error(`tree ${oid} of ${reader.repoPath} is missing`);
  return object.content;
}
