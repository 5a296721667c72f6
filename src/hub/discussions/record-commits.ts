import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { DiscussionStore, type AccountRef, type Discussion } from "./discussion-store.ts";
import type { CommitPayload } from "./event-payloads.ts";
import { DiscussionEventStore } from "./event-store.ts";

/**
 * Records commits that landed on a pull request's ref, oldest first: one `commit` event each, by
 * whoever committed or pushed them. A draft becomes open with its first commit, as on Hugging Face.
 */
export async function recordPullRequestCommits(db: Kysely<Database>, pullRequest: Discussion, by: AccountRef, commits: readonly CommitPayload[]): Promise<void> {
  if (commits.length === 0) return;
  await db.transaction().execute(async (trx) => {
    const events = new DiscussionEventStore(trx);
    for (const commit of commits) await events.add(pullRequest.id, "commit", by, { oid: commit.oid, subject: commit.subject });
    if (pullRequest.status === "draft") await new DiscussionStore(trx).update(pullRequest.id, { status: "open" });
  });
}
