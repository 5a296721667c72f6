import { EMPTY_TREE_OID, ZERO_OID } from "./object-id.ts";
import { assertSafeRevision } from "./revision.ts";
import { runGit } from "./run.ts";

export type ChangeStatus = "added" | "deleted" | "modified" | "type-changed";

export interface TreeChange {
  path: string;
  status: ChangeStatus;
  /** Null on the side where the file does not exist. */
  oldOid: string | null;
  newOid: string | null;
  oldMode: string | null;
  newMode: string | null;
}

const STATUS: Record<string, ChangeStatus> = { A: "added", D: "deleted", M: "modified", T: "type-changed" };
const HEADER = /^:([0-7]{6}) ([0-7]{6}) ([0-9a-f]{40}) ([0-9a-f]{40}) ([ADMT])$/;

/** Files that differ between two commits (or trees); `from` null compares against nothing. Renames are not paired. */
export async function diffTree(repoPath: string, from: string | null, to: string): Promise<TreeChange[]> {
  const left = from === null ? EMPTY_TREE_OID : assertSafeRevision(from);
  const args = ["diff-tree", "-r", "-z", "--no-renames", "--no-commit-id", "--end-of-options", left, assertSafeRevision(to)];
  const { stdout } = await runGit(repoPath, args);
  return parseRawDiff(stdout.toString("utf8"));
}

function parseRawDiff(output: string): TreeChange[] {
  const parts = output.split("\0");
  const changes: TreeChange[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const header = HEADER.exec(parts[i] ?? "");
    const path = parts[i + 1];
    if (header === null || path === undefined) throw new Error(`unexpected diff-tree output: ${JSON.stringify(parts[i])}`);
    const [, oldMode = "", newMode = "", oldOid = "", newOid = "", letter = ""] = header;
    changes.push({
      path,
      status: STATUS[letter] ?? "modified",
      oldOid: oldOid === ZERO_OID ? null : oldOid,
      newOid: newOid === ZERO_OID ? null : newOid,
      oldMode: oldMode === "000000" ? null : oldMode,
      newMode: newMode === "000000" ? null : newMode,
    });
  }
  return changes;
}
