import type { TreeEntryType } from "./tree.ts";

/** One entry of a raw tree object: a name within its directory. */
export interface TreeObjectEntry {
  name: string;
  /** Six digits, as `ls-tree` prints it: `100644`, `100755`, `120000`, `040000` or `160000`. */
  mode: string;
  type: TreeEntryType;
  oid: string;
}

const OID_BYTES = 20;

/**
 * The entries of a tree object as `git cat-file --batch` returns it: `<octal mode> <name>\0<20-byte id>` per
 * entry. Throws on anything else, since a malformed object would otherwise be read as a shorter tree.
 */
export function parseTreeObject(content: Buffer): TreeObjectEntry[] {
  const entries: TreeObjectEntry[] = [];
  let offset = 0;
  while (offset < content.length) {
    const space = content.indexOf(0x20, offset);
    const nul = space === -1 ? -1 : content.indexOf(0x00, space + 1);
    if (nul === -1 || nul + 1 + OID_BYTES > content.length) throw new Error(`malformed tree object at byte ${offset}`);
    const rawMode = content.toString("latin1", offset, space);
    if (!/^[0-7]{5,6}$/.test(rawMode)) throw new Error(`malformed tree object: mode ${JSON.stringify(rawMode)}`);
    const mode = rawMode.padStart(6, "0");
    entries.push({
      name: content.toString("utf8", space + 1, nul),
      mode,
      type: typeOfMode(mode),
      oid: content.toString("hex", nul + 1, nul + 1 + OID_BYTES),
    });
    offset = nul + 1 + OID_BYTES;
  }
  return entries;
}

function typeOfMode(mode: string): TreeEntryType {
  if (mode === "040000") return "tree";
  if (mode === "160000") return "commit";
  return "blob";
}
