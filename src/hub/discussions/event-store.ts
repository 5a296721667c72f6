import { randomBytes } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { Database, DiscussionEventKind, DiscussionEventsTable } from "../../db/schema.ts";
import type { AccountRef } from "./discussion-store.ts";
import type { PayloadOf } from "./event-payloads.ts";

interface EventBase {
  id: number;
  discussionId: number;
  /** The id clients see and send back (24 hex digits). */
  publicId: string;
  actor: AccountRef | null;
  createdAt: string;
  edited: boolean;
  hidden: boolean;
  updatedAt: string | null;
  updatedBy: AccountRef | null;
}

/** One event of a discussion, its payload typed by its kind. */
export type DiscussionEvent = { [K in DiscussionEventKind]: EventBase & { kind: K; payload: PayloadOf[K] } }[DiscussionEventKind];
export type CommentEvent = Extract<DiscussionEvent, { kind: "comment" }>;

type Row = Selectable<DiscussionEventsTable> & { actor_name: string | null; actor_fullname: string | null; updater_name: string | null; updater_fullname: string | null };

/** The `discussion_events` table. */
export class DiscussionEventStore {
  constructor(private readonly db: Kysely<Database>) {}

  async add<K extends DiscussionEventKind>(discussionId: number, kind: K, actor: AccountRef, payload: PayloadOf[K]): Promise<DiscussionEvent> {
    const row = await this.db
      .insertInto("discussion_events")
      .values({
        discussion_id: discussionId, public_id: randomBytes(12).toString("hex"), kind, actor_id: actor.id, payload: JSON.stringify(payload),
        edited: 0, hidden: 0, created_at: new Date().toISOString(), updated_at: null, updated_by: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toEvent({ ...row, actor_name: actor.name, actor_fullname: actor.fullname, updater_name: null, updater_fullname: null });
  }

  /** Every event of a discussion, in the order they happened. */
  async list(discussionId: number): Promise<DiscussionEvent[]> {
    const rows = await this.select().where("discussion_events.discussion_id", "=", discussionId).orderBy("discussion_events.id", "asc").execute();
    return rows.map(toEvent);
  }

  async find(discussionId: number, publicId: string): Promise<DiscussionEvent | undefined> {
    const row = await this.select().where("discussion_events.discussion_id", "=", discussionId).where("discussion_events.public_id", "=", publicId).executeTakeFirst();
    return row && toEvent(row);
  }

  /** The latest event of a kind (e.g. the merge of a pull request). */
  async latest<K extends DiscussionEventKind>(discussionId: number, kind: K): Promise<Extract<DiscussionEvent, { kind: K }> | undefined> {
    const row = await this.select()
      .where("discussion_events.discussion_id", "=", discussionId)
      .where("discussion_events.kind", "=", kind)
      .orderBy("discussion_events.id", "desc")
      .executeTakeFirst();
    return row && (toEvent(row) as Extract<DiscussionEvent, { kind: K }>);
  }

  /** Stores a comment's new payload and flags, and who changed it when. */
  async updateComment(id: number, change: { payload: PayloadOf["comment"]; edited: boolean; hidden: boolean; by: AccountRef }): Promise<void> {
    await this.db
      .updateTable("discussion_events")
      .set({ payload: JSON.stringify(change.payload), edited: change.edited ? 1 : 0, hidden: change.hidden ? 1 : 0, updated_at: new Date().toISOString(), updated_by: change.by.id })
      .where("id", "=", id)
      .execute();
  }

  private select() {
    return this.db
      .selectFrom("discussion_events")
      .leftJoin("accounts as actor", "actor.id", "discussion_events.actor_id")
      .leftJoin("accounts as updater", "updater.id", "discussion_events.updated_by")
      .selectAll("discussion_events")
      .select(["actor.name as actor_name", "actor.fullname as actor_fullname", "updater.name as updater_name", "updater.fullname as updater_fullname"]);
  }
}

function toEvent(row: Row): DiscussionEvent {
  return {
    id: row.id,
    discussionId: row.discussion_id,
    publicId: row.public_id,
    kind: row.kind,
    payload: JSON.parse(row.payload) as never,
    actor: accountRef(row.actor_id, row.actor_name, row.actor_fullname),
    createdAt: row.created_at,
    edited: row.edited === 1,
    hidden: row.hidden === 1,
    updatedAt: row.updated_at,
    updatedBy: accountRef(row.updated_by, row.updater_name, row.updater_fullname),
  } as DiscussionEvent;
}

function accountRef(id: number | null, name: string | null, fullname: string | null): AccountRef | null {
  return id !== null && name !== null ? { id, name, fullname: fullname ?? name } : null;
}
