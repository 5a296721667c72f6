import { isValidTagName } from "../../git/ref-names.ts";
import { readRef } from "../../git/refs.ts";
import { updateRef } from "../../git/update-ref.ts";
import { announceRefUpdate } from "../announce-ref-update.ts";
import { badRequest, conflict } from "../errors.ts";
import type { Hub } from "../hub.ts";
import type { Actor } from "../policy.ts";
import type { Repo } from "../repos.ts";
import { resolveRevision } from "../revisions.ts";

/**
 * `POST …/tag/{rev}` `{tag, message?}`: writers only. The tag is a lightweight one: the git layer has
 * no way yet to write annotated tag objects, so `message` is not stored.
 */
export async function createTag(hub: Hub, actor: Actor, repo: Repo, rev: string, tag: string): Promise<void> {
  await hub.policy.assertWrite(actor, repo);
  if (tag.startsWith("refs/") || !isValidTagName(tag)) throw badRequest("InvalidReference", `Invalid tag name: ${JSON.stringify(tag)}`);
  const gitDir = hub.repos.gitDir(repo);
  const commit = await resolveRevision(gitDir, rev);
  const ref = `refs/tags/${tag}`;
  if ((await readRef(gitDir, ref)) !== null) throw alreadyExists(ref);
  const result = await updateRef(gitDir, ref, commit, null);
  if (!result.ok) throw result.reason === "stale" ? alreadyExists(ref) : conflict("RefConflict", `cannot create ${ref}: ${result.message}`);
  await announceRefUpdate(hub, actor, repo, ref, null, commit);
}

const alreadyExists = (ref: string) => conflict("RefExists", `Reference ${ref} already exists`);
