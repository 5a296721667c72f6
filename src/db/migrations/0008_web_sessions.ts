import type { DialectMigration } from "./migration.ts";

/** Browser sessions: only the SHA-256 of each session id is stored, so a leaked table signs nobody in. */
export const webSessions: DialectMigration = {
  async up(db) {
    await db.schema
      .createTable("web_sessions")
      .addColumn("id_hash", "text", (c) => c.primaryKey())
      .addColumn("user_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("web_sessions_user").on("web_sessions").column("user_id").execute();
    await db.schema.createIndex("web_sessions_expires").on("web_sessions").column("expires_at").execute();
  },
  async down(db) {
    await db.schema.dropTable("web_sessions").execute();
  },
};
