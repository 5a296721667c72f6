import { announceRefUpdate } from "../announce-ref-update.ts";
import { forbidden } from "../errors.ts";
import type { Hub } from "../hub.ts";
import type { Actor } from "../policy.ts";
import type { Repo } from "../repos.ts";
import { deleteExistingRef } from "./delete-ref.ts";

const DEFAULT_BRANCH = "main";

/** `DELETE …/branch/{name}`: writers only; the default branch stays. */
export async function deleteBranch(hub: Hub, actor: Actor, repo: Repo, name: string): Promise<void> {
  await hub.policy.assertWrite(actor, repo);
  const short = name.startsWith("refs/heads/") ? name.slice("refs/heads/".length) : name;
  if (short === DEFAULT_BRANCH) throw forbidden(`Cannot delete refs/heads/${DEFAULT_BRANCH}`);
  const ref = `refs/heads/${short}`;
  const deleted = await deleteExistingRef(hub.repos.gitDir(repo), ref, name);
  await announceRefUpdate(hub, actor, repo, ref, deleted, null);
}
