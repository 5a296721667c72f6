import { isValidTagName } from "../../git/ref-names.ts";
import { announceRefUpdate } from "../announce-ref-update.ts";
import { notFound } from "../errors.ts";
import type { Hub } from "../hub.ts";
import type { Actor } from "../policy.ts";
import type { Repo } from "../repos.ts";
import { deleteExistingRef } from "./delete-ref.ts";

/** `DELETE …/tag/{tag}`: writers only; 404 RevisionNotFound for a tag that does not exist. */
export async function deleteTag(hub: Hub, actor: Actor, repo: Repo, tag: string): Promise<void> {
  await hub.policy.assertWrite(actor, repo);
  const short = tag.startsWith("refs/tags/") ? tag.slice("refs/tags/".length) : tag;
  if (!isValidTagName(short)) throw notFound("RevisionNotFound", `Invalid rev id: ${tag}`);
  const ref = `refs/tags/${short}`;
  const deleted = await deleteExistingRef(hub.repos.gitDir(repo), ref, tag);
  await announceRefUpdate(hub, actor, repo, ref, deleted, null);
}
