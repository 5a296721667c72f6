import { addIdColumn } from "./columns.ts";
import type { DialectMigration } from "./migration.ts";

/** Discussions and pull requests of a repository; they share one number sequence per repository (HF's `/discussions/N`). */
export const discussions: DialectMigration = {
  async up(db, dialect) {
    await addIdColumn(db.schema.createTable("discussions"), dialect)
      .addColumn("repo_id", "bigint", (c) => c.notNull().references("repos.id").onDelete("cascade"))
      .addColumn("num", "integer", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("author_id", "bigint", (c) => c.references("accounts.id").onDelete("set null"))
      .addColumn("git_ref", "text")
      .addColumn("base_ref", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addUniqueConstraint("discussions_repo_num", ["repo_id", "num"])
      .execute();
  },
  async down(db) {
    await db.schema.dropTable("discussions").execute();
  },
};
