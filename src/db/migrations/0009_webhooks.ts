import { addIdColumn } from "./columns.ts";
import type { DialectMigration } from "./migration.ts";

/** Webhook subscriptions, their delivery jobs and attempt log, and the event feed's cursors (all hub state). */
export const webhooks: DialectMigration = {
  async up(db, dialect) {
    await addIdColumn(db.schema.createTable("webhooks"), dialect)
      .addColumn("owner_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
      .addColumn("target_kind", "text", (c) => c.notNull())
      .addColumn("repo_id", "bigint", (c) => c.references("repos.id").onDelete("cascade"))
      .addColumn("org_id", "bigint", (c) => c.references("accounts.id").onDelete("cascade"))
      .addColumn("url", "text", (c) => c.notNull())
      .addColumn("secret_sealed", "text", (c) => c.notNull())
      .addColumn("events", "text", (c) => c.notNull())
      .addColumn("active", "integer", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("webhooks_owner").on("webhooks").column("owner_id").execute();
    await db.schema.createIndex("webhooks_repo").on("webhooks").column("repo_id").execute();
    await db.schema.createIndex("webhooks_org").on("webhooks").column("org_id").execute();

    await addIdColumn(db.schema.createTable("webhook_deliveries"), dialect)
      .addColumn("webhook_id", "bigint", (c) => c.notNull().references("webhooks.id").onDelete("cascade"))
      .addColumn("delivery_uuid", "text", (c) => c.notNull().unique())
      .addColumn("event", "text", (c) => c.notNull())
      .addColumn("payload", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull())
      .addColumn("next_attempt_at", "text", (c) => c.notNull())
      .addColumn("claimed_at", "text")
      .addColumn("last_status_code", "integer")
      .addColumn("last_response", "text")
      .addColumn("last_error", "text")
      .addColumn("last_duration_ms", "integer")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("webhook_deliveries_due").on("webhook_deliveries").columns(["status", "next_attempt_at"]).execute();
    await db.schema.createIndex("webhook_deliveries_webhook").on("webhook_deliveries").columns(["webhook_id", "id"]).execute();

    await addIdColumn(db.schema.createTable("webhook_attempts"), dialect)
      .addColumn("delivery_id", "bigint", (c) => c.notNull().references("webhook_deliveries.id").onDelete("cascade"))
      .addColumn("attempt", "integer", (c) => c.notNull())
      .addColumn("at", "text", (c) => c.notNull())
      .addColumn("status_code", "integer")
      .addColumn("response_excerpt", "text")
      .addColumn("error", "text")
      .addColumn("duration_ms", "integer", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("webhook_attempts_delivery").on("webhook_attempts").columns(["delivery_id", "attempt"]).execute();

    await db.schema
      .createTable("webhook_cursors")
      .addColumn("name", "text", (c) => c.primaryKey())
      .addColumn("last_id", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("webhook_conflicts_seen")
      .addColumn("conflict_id", "text", (c) => c.primaryKey())
      .addColumn("seen_at", "text", (c) => c.notNull())
      .execute();
  },
  async down(db) {
    await db.schema.dropTable("webhook_conflicts_seen").execute();
    await db.schema.dropTable("webhook_cursors").execute();
    await db.schema.dropTable("webhook_attempts").execute();
    await db.schema.dropTable("webhook_deliveries").execute();
    await db.schema.dropTable("webhooks").execute();
  },
};
