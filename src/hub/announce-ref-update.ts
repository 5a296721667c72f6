import { isAncestor } from "../git/merge.ts";
import { ZERO_OID } from "../git/object-id.ts";
import type { Hub } from "./hub.ts";
import type { Actor } from "./policy.ts";
import { repoId, type Repo } from "./repos.ts";

/**
 * Tells `hub.refEvents` listeners that the API moved a ref, as a git push would: a commit, a new,
 * moved or deleted branch or tag. The ref has moved already, so a failing listener is logged, not
 * turned into an error for a request whose write succeeded.
 */
export async function announceRefUpdate(hub: Hub, actor: Actor, repo: Repo, ref: string, oldOid: string | null, newOid: string | null): Promise<void> {
  const kind = oldOid === null ? "create" : newOid === null ? "delete" : "update";
  const forced = oldOid !== null && newOid !== null && !(await isAncestor(hub.repos.gitDir(repo), oldOid, newOid).catch(() => true));
  try {
    await hub.refEvents.emit({ repo, actor, refs: [{ ref, oldOid: oldOid ?? ZERO_OID, newOid: newOid ?? ZERO_OID, kind, forced }] });
  } catch (error) {
    hub.log.error({ err: error, repo: repoId(repo), ref }, "a listener of a ref update failed");
  }
}
