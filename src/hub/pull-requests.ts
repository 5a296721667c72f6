import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { DiscussionStore } from "./discussions/discussion-store.ts";

export interface ReservedPullRequest {
  num: number;
  /** `refs/pr/N`, where the pull request's commits live. */
  ref: string;
}

export interface OpenPullRequestInput {
  repoId: number;
  authorId: number;
  title: string;
  /** The branch the pull request targets, e.g. `refs/heads/main`. */
  baseRef: string;
}

/**
 * Pull requests opened by a commit (`?create_pr=1`): the record under the number shared with
 * discussions, made before the first commit lands and removed again if it does not.
 */
export class PullRequests {
  private readonly store: DiscussionStore;

  constructor(db: Kysely<Database>) {
    this.store = new DiscussionStore(db);
  }

  /** Records a new open pull request under the repository's next number; its ref does not exist yet. */
  async reserve(input: OpenPullRequestInput): Promise<ReservedPullRequest> {
    const row = await this.store.insertNext({ repoId: input.repoId, kind: "pull_request", title: input.title, status: "open", authorId: input.authorId, baseRef: input.baseRef });
    return { num: row.num, ref: `refs/pr/${row.num}` };
  }

  /** Undoes `reserve` when the pull request's first commit could not be made. */
  async discard(repoId: number, num: number): Promise<void> {
    await this.store.delete(repoId, num);
  }
}
