import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { isUniqueViolation } from "../db/unique-violation.ts";
import { HubError } from "./errors.ts";

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

// Two requests may read the same highest number; the unique (repo_id, num) key lets one win and the other retry.
const NUMBER_ATTEMPTS = 5;

/**
 * The minimal seam for pull requests opened by a commit (`?create_pr=1`): number allocation shared
 * with discussions, and the record. Comments, status changes and merging build on this table.
 */
export class PullRequests {
  constructor(private readonly db: Kysely<Database>) {}

  /** Records a new open pull request under the repository's next number; its ref does not exist yet. */
  async reserve(input: OpenPullRequestInput): Promise<ReservedPullRequest> {
    for (let attempt = 0; attempt < NUMBER_ATTEMPTS; attempt++) {
      const num = (await this.highestNumber(input.repoId)) + 1;
      const at = new Date().toISOString();
      try {
        await this.db
          .insertInto("discussions")
          .values({
            repo_id: input.repoId, num, kind: "pull_request", title: input.title, status: "open",
            author_id: input.authorId, git_ref: `refs/pr/${num}`, base_ref: input.baseRef, created_at: at, updated_at: at,
          })
          .execute();
        return { num, ref: `refs/pr/${num}` };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    throw new HubError(409, "Conflict", "other discussions were opened at the same time; try again");
  }

  /** Undoes `reserve` when the pull request's first commit could not be made. */
  async discard(repoId: number, num: number): Promise<void> {
    await this.db.deleteFrom("discussions").where("repo_id", "=", repoId).where("num", "=", num).execute();
  }

  private async highestNumber(repoId: number): Promise<number> {
    const row = await this.db
      .selectFrom("discussions")
      .select((eb) => eb.fn.max<number | null>("num").as("top"))
      .where("repo_id", "=", repoId)
      .executeTakeFirst();
    return Number(row?.top ?? 0);
  }
}
