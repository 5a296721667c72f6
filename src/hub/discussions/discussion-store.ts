import { setTimeout as sleep } from "node:timers/promises";
import type { Kysely, Selectable } from "kysely";
import type { Database, DiscussionKind, DiscussionStatus, DiscussionsTable } from "../../db/schema.ts";
import { isUniqueViolation } from "../../db/unique-violation.ts";
import { conflict } from "../errors.ts";

/** An account as discussions show it. */
export interface AccountRef {
  id: number;
  name: string;
  fullname: string;
}

/** A discussion or pull request, with its author (null once the account is gone). */
export interface Discussion extends Selectable<DiscussionsTable> {
  author: AccountRef | null;
}

export interface NewDiscussion {
  repoId: number;
  kind: DiscussionKind;
  title: string;
  status: DiscussionStatus;
  authorId: number;
  /** The branch a pull request targets, e.g. `refs/heads/main`; null for a discussion. */
  baseRef: string | null;
}

export interface DiscussionFilter {
  kind: DiscussionKind | "all";
  /** `open` takes drafts too; `closed` takes merged pull requests too; `merged` and `declined` (closed unmerged) split it. */
  status: "open" | "closed" | "merged" | "declined" | "all";
  /** An author's name, whatever its case. */
  author?: string;
}

const STATUSES_OF: Record<DiscussionFilter["status"], DiscussionStatus[] | null> = { open: ["open", "draft"], closed: ["closed", "merged"], merged: ["merged"], declined: ["closed"], all: null };

// Two requests may read the same highest number; the unique (repo_id, num) key lets one win and the other retry.
// Each round has a winner, so with a short random pause between attempts even dozens of pull requests opened at
// the same moment on several servers all get a number (the scale-out suite opens 40 at once on two).
const NUMBER_ATTEMPTS = 60;
const MAX_PAUSE_MS = 20;

/** The `discussions` table: one number sequence per repository, shared by discussions and pull requests. */
export class DiscussionStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Records a new discussion under the repository's next number; a pull request's ref is `refs/pr/N`. */
  async insertNext(input: NewDiscussion): Promise<Selectable<DiscussionsTable>> {
    for (let attempt = 0; attempt < NUMBER_ATTEMPTS; attempt++) {
      const num = (await this.highestNumber(input.repoId)) + 1;
      const at = new Date().toISOString();
      try {
        return await this.db
          .insertInto("discussions")
          .values({
            repo_id: input.repoId, num, kind: input.kind, title: input.title, status: input.status, author_id: input.authorId,
            git_ref: input.kind === "pull_request" ? `refs/pr/${num}` : null, base_ref: input.baseRef, created_at: at, updated_at: at,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      await sleep(Math.random() * Math.min(MAX_PAUSE_MS, attempt + 1));
    }
    throw conflict("Conflict", "other discussions were opened at the same time; try again");
  }

  async find(repoId: number, num: number): Promise<Discussion | undefined> {
    const row = await this.withAuthor().where("discussions.repo_id", "=", repoId).where("discussions.num", "=", num).executeTakeFirst();
    return row && toDiscussion(row);
  }

  /** A page of the repository's discussions matching `filter`, highest number (newest) first, and how many match in all. */
  async list(repoId: number, filter: DiscussionFilter, page: { offset: number; limit: number }): Promise<{ discussions: Discussion[]; total: number }> {
    let query = this.withAuthor().where("discussions.repo_id", "=", repoId);
    if (filter.kind !== "all") query = query.where("discussions.kind", "=", filter.kind);
    const statuses = STATUSES_OF[filter.status];
    if (statuses) query = query.where("discussions.status", "in", statuses);
    if (filter.author !== undefined) query = query.where("accounts.name_key", "=", filter.author.toLowerCase());
    const counted = await query.clearSelect().select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const rows = await query.orderBy("discussions.num", "desc").limit(page.limit).offset(page.offset).execute();
    return { discussions: rows.map(toDiscussion), total: Number(counted.n) };
  }

  async update(id: number, changes: { status?: DiscussionStatus; title?: string }): Promise<void> {
    await this.db.updateTable("discussions").set({ ...changes, updated_at: new Date().toISOString() }).where("id", "=", id).execute();
  }

  async delete(repoId: number, num: number): Promise<void> {
    await this.db.deleteFrom("discussions").where("repo_id", "=", repoId).where("num", "=", num).execute();
  }

  private withAuthor() {
    return this.db
      .selectFrom("discussions")
      .leftJoin("accounts", "accounts.id", "discussions.author_id")
      .selectAll("discussions")
      .select(["accounts.name as author_name", "accounts.fullname as author_fullname"]);
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

function toDiscussion(row: Selectable<DiscussionsTable> & { author_name: string | null; author_fullname: string | null }): Discussion {
  const { author_name, author_fullname, ...discussion } = row;
  const author = discussion.author_id !== null && author_name !== null ? { id: discussion.author_id, name: author_name, fullname: author_fullname ?? author_name } : null;
  return { ...discussion, author };
}
