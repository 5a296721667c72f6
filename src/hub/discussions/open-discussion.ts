import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { readRef } from "../../git/refs.ts";
import { updateRef } from "../../git/update-ref.ts";
import { announcePullRequest } from "../announce-pull-request.ts";
import { announceRefUpdate } from "../announce-ref-update.ts";
import { conflict } from "../errors.ts";
import type { Hub } from "../hub.ts";
import type { Actor } from "../policy.ts";
import type { Repo } from "../repos.ts";
import { DiscussionStore, type AccountRef, type Discussion } from "./discussion-store.ts";
import { DiscussionEventStore } from "./event-store.ts";
import { actingUser, discussionOf } from "./find-discussion.ts";
import { checkedComment, checkedTitle } from "./text-rules.ts";

export interface OpenDiscussionInput {
  title: string;
  /** The first comment; none when blank. */
  description: string;
  pullRequest: boolean;
}

/** Pull requests opened through the discussions API target the default branch, as on Hugging Face. */
const BASE_REF = "refs/heads/main";

/**
 * `POST …/discussions`: anyone signed in who can read the repository opens a discussion or a pull
 * request. A pull request starts as a `draft` (what huggingface_hub documents for programmatic
 * ones) whose `refs/pr/N` already points at the head of main, so commits and pushes can target it;
 * its first commit makes it `open`.
 */
export async function openDiscussion(hub: Hub, actor: Actor, repo: Repo, input: OpenDiscussionInput): Promise<Discussion> {
  await hub.policy.assertOpenPullRequest(actor, repo, input.pullRequest ? "a pull request" : "a discussion");
  const user = actingUser(actor);
  const title = checkedTitle(input.title);
  const description = input.description.trim() === "" ? "" : checkedComment(input.description);
  const gitDir = hub.repos.gitDir(repo);
  const baseHead = input.pullRequest ? await readRef(gitDir, BASE_REF) : null;
  if (input.pullRequest && baseHead === null) throw conflict("NoBaseBranch", `${repo.namespace}/${repo.name} has no main branch to open a pull request against`);

  const store = new DiscussionStore(hub.db);
  const row = await store.insertNext({ repoId: repo.id, kind: input.pullRequest ? "pull_request" : "discussion", title, status: input.pullRequest ? "draft" : "open", authorId: user.id, baseRef: input.pullRequest ? BASE_REF : null });
  try {
    await recordOpening(hub.db, row.id, user, description);
    if (row.git_ref !== null && baseHead !== null) {
      const created = await updateRef(gitDir, row.git_ref, baseHead, null);
      // Only a ref made outside the hub (or left from a lost database) can be in the way.
      if (!created.ok) throw conflict("RefConflict", `${row.git_ref} already exists in the repository without a pull request; an admin must remove it`);
    }
  } catch (error) {
    await store.delete(repo.id, row.num);
    throw error;
  }
  if (row.git_ref !== null) {
    await announceRefUpdate(hub, actor, repo, row.git_ref, null, baseHead);
    await announcePullRequest(hub, actor, repo, row.num, "opened");
  }
  return discussionOf(hub, repo, row.num);
}

/** The description of a new discussion or pull request, kept as its first comment (none when blank). */
export async function recordOpening(db: Kysely<Database>, discussionId: number, by: AccountRef, description: string): Promise<void> {
  if (description.trim() === "") return;
  await new DiscussionEventStore(db).add(discussionId, "comment", by, { raw: description, history: [] });
}
