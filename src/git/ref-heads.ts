import type { CatFileReader } from "./cat-file.ts";
import { assertSafeRefName } from "./ref-names.ts";

/**
 * The commits full ref names lead to (tags peeled), asked of a cat-file reader the caller already has, so reading
 * refs starts no process of its own. Resolved as `git rev-parse --verify <ref>^{commit}` does; a ref that is
 * missing or leads to no commit is absent from the map.
 */
export async function readRefHeads(reader: CatFileReader, refs: readonly string[]): Promise<Map<string, string>> {
  const names = [...new Set(refs.map((ref) => assertSafeRefName(ref)))];
  const found = await Promise.all(names.map((ref) => reader.info(`${ref}^{commit}`)));
  const heads = new Map<string, string>();
  for (const [i, ref] of names.entries()) {
    const info = found[i];
    if (info?.type === "commit") heads.set(ref, info.oid);
  }
  return heads;
}
