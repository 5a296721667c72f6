import { isAncestor } from "./merge.ts";
import { ZERO_OID } from "./object-id.ts";
import type { PushCommand } from "./push-commands.ts";
import { listRefs } from "./refs.ts";

export interface PushedRef extends PushCommand {
  /** An update whose new commit does not contain the old one (a force-push). */
  forced: boolean;
}

/**
 * The commands of a finished push that actually took effect, judged by where the refs point now;
 * receive-pack may have refused some (a stale old value, a clash between ref names).
 */
export async function appliedPushCommands(repoPath: string, commands: readonly PushCommand[]): Promise<PushedRef[]> {
  if (commands.length === 0) return [];
  const current = new Map((await listRefs(repoPath)).map((ref) => [ref.name, ref.oid]));
  const applied = commands.filter((command) => (current.get(command.ref) ?? ZERO_OID) === command.newOid);
  return Promise.all(applied.map(async (command) => ({ ...command, forced: await isForced(repoPath, command) })));
}

async function isForced(repoPath: string, command: PushCommand): Promise<boolean> {
  if (command.kind !== "update") return false;
  try {
    return !(await isAncestor(repoPath, command.oldOid, command.newOid));
  } catch {
    return false; // not commits (e.g. a tag moved from a tree to a blob): ancestry does not apply
  }
}
