import { createCommit } from "../../git/commit.ts";
import { isValidBranchName } from "../../git/ref-names.ts";
import { readRef } from "../../git/refs.ts";
import { updateRef, type RefUpdateRejection } from "../../git/update-ref.ts";
import { announceRefUpdate } from "../announce-ref-update.ts";
import { commitAuthor } from "../commits/commit-author.ts";
import { badRequest, conflict, unauthorized } from "../errors.ts";
import type { Hub } from "../hub.ts";
import type { Actor } from "../policy.ts";
import type { Repo } from "../repos.ts";
import { resolveRevision } from "../revisions.ts";

export interface CreateBranchOptions {
  /** Revision the branch starts at; the default branch when omitted. */
  startingPoint?: string;
  /** Start the branch with one commit of an empty tree instead (JS `createBranch({empty})`). */
  empty?: boolean;
  /** Move the branch if it exists; with neither a starting point nor `empty`, an existing branch is left as it is. */
  overwrite?: boolean;
}

/** `POST …/branch/{name}`: writers only; 409 when the branch exists and `overwrite` is not set. */
export async function createBranch(hub: Hub, actor: Actor, repo: Repo, name: string, options: CreateBranchOptions): Promise<void> {
  await hub.policy.assertWrite(actor, repo);
  if (name.startsWith("refs/") || !isValidBranchName(name)) throw badRequest("InvalidReference", `Invalid reference for a branch: ${JSON.stringify(name)}`);
  if (options.empty && options.startingPoint !== undefined) throw badRequest("BadRequest", "a branch is either empty or starts at startingPoint, not both");
  const gitDir = hub.repos.gitDir(repo);
  const ref = `refs/heads/${name}`;
  const start = options.empty ? null : await resolveRevision(gitDir, options.startingPoint ?? "HEAD");
  const current = await readRef(gitDir, ref);
  if (current !== null) {
    if (!options.overwrite) throw alreadyExists(ref);
    if (options.startingPoint === undefined && !options.empty) return;
  }
  let target: string;
  if (start === null) {
    const result = await commitEmptyTree(actor, gitDir, ref, current);
    if (!result.ok) throw refused(ref, result);
    target = result.commit;
  } else {
    const result = await updateRef(gitDir, ref, start, current);
    if (!result.ok) throw refused(ref, result);
    target = start;
  }
  await announceRefUpdate(hub, actor, repo, ref, current, target);
}

const refused = (ref: string, rejection: RefUpdateRejection) =>
  rejection.reason === "stale" ? alreadyExists(ref) : conflict("RefConflict", `cannot create ${ref}: ${rejection.message}`);

async function commitEmptyTree(actor: Actor, gitDir: string, ref: string, current: string | null) {
  if (!actor.user) throw unauthorized("sign in to create a branch");
  return createCommit(gitDir, { parent: null, branchRef: ref, expectedHead: current, changes: [], message: "Create empty branch", author: commitAuthor(actor.user) });
}

const alreadyExists = (ref: string) => conflict("RefExists", `Reference ${ref} already exists`);
