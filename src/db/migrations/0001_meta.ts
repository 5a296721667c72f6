import type { DialectMigration } from "./migration.ts";

/** Key/value facts about this database (schema facts, instance settings). */
export const meta: DialectMigration = {
  async up(db) {
    await db.schema
      .createTable("meta")
      .addColumn("key", "text", (column) => column.primaryKey())
      .addColumn("value", "text", (column) => column.notNull())
      .addColumn("updated_at", "text", (column) => column.notNull())
      .execute();
  },
  async down(db) {
    await db.schema.dropTable("meta").execute();
  },
};
