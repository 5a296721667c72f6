import type { CatFileReader } from "./cat-file.ts";
import { assertSafeRevision } from "./revision.ts";

/** The header of a commit object. */
export interface CommitObject {
  tree: string;
  parents: string[];
  /** Committer time, seconds since the epoch (what `%ct` prints). */
  committerTime: number;
}

const OID = /^[0-9a-f]{40}$/;
// `committer Name <email> 1764000000 +0100`; git reads a malformed date as 0, and so does this.
const COMMITTER_TIME = /> (-?[0-9]+)(?: [+-][0-9]{4})?$/;

/** The header lines git writes first in every commit object (`tree`, `parent`…, `author`, `committer`). */
export function parseCommitObject(content: Buffer): CommitObject {
  const headerEnd = content.indexOf("\n\n");
  const lines = content.toString("utf8", 0, headerEnd === -1 ? content.length : headerEnd).split("\n");
  let tree: string | null = null;
  const parents: string[] = [];
  let committerTime: number | null = null;
  for (const line of lines) {
    if (line.startsWith("tree ")) tree = line.slice(5);
    else if (line.startsWith("parent ")) parents.push(line.slice(7));
    else if (line.startsWith("committer ")) committerTime = Number(COMMITTER_TIME.exec(line)?.[1] ?? 0);
  }
  if (tree === null || !OID.test(tree) || !parents.every((p) => OID.test(p)) || committerTime === null || !Number.isSafeInteger(committerTime)) {
    throw new Error("malformed commit object");
  }
  return { tree, parents, committerTime };
}

/** The commit `rev` names, read through a reader the caller already has; null when there is no such commit. */
export async function readCommit(reader: CatFileReader, rev: string): Promise<CommitObject | null> {
  const object = await reader.read(`${assertSafeRevision(rev)}^{commit}`);
  return object?.type === "commit" ? parseCommitObject(object.content) : null;
}
