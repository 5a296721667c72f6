import { addIdColumn } from "./columns.ts";
import type { DialectMigration } from "./migration.ts";

/**
 * What happened in a discussion or pull request, in order: comments, status changes, commits,
 * title changes and the merge, each with who did it and when. `payload` is JSON text whose shape
 * depends on `kind`; `edited` and `hidden` only apply to comments.
 */
export const discussionEvents: DialectMigration = {
  async up(db, dialect) {
    await addIdColumn(db.schema.createTable("discussion_events"), dialect)
      .addColumn("discussion_id", "bigint", (c) => c.notNull().references("discussions.id").onDelete("cascade"))
      .addColumn("public_id", "text", (c) => c.notNull().unique())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("actor_id", "bigint", (c) => c.references("accounts.id").onDelete("set null"))
      .addColumn("payload", "text", (c) => c.notNull())
      .addColumn("edited", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("hidden", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text")
      .addColumn("updated_by", "bigint", (c) => c.references("accounts.id").onDelete("set null"))
      .execute();
    await db.schema.createIndex("discussion_events_discussion").on("discussion_events").columns(["discussion_id", "id"]).execute();
  },
  async down(db) {
    await db.schema.dropTable("discussion_events").execute();
  },
};
