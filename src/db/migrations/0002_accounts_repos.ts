import { addIdColumn } from "./columns.ts";
import type { DialectMigration } from "./migration.ts";

/** Users and organisations (one namespace table), memberships, access tokens, repositories. */
export const accountsRepos: DialectMigration = {
  async up(db, dialect) {
    await addIdColumn(db.schema.createTable("accounts"), dialect)
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("name_key", "text", (c) => c.notNull().unique())
      .addColumn("fullname", "text", (c) => c.notNull())
      .addColumn("email", "text")
      .addColumn("password_hash", "text")
      .addColumn("is_admin", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("org_members")
      .addColumn("org_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
      .addColumn("user_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("org_members_pk", ["org_id", "user_id"])
      .execute();

    await addIdColumn(db.schema.createTable("tokens"), dialect)
      .addColumn("user_id", "bigint", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("token_hash", "text", (c) => c.notNull().unique())
      .addColumn("hint", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("last_used_at", "text")
      .addColumn("revoked_at", "text")
      .execute();

    await addIdColumn(db.schema.createTable("repos"), dialect)
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("owner_id", "bigint", (c) => c.notNull().references("accounts.id"))
      .addColumn("namespace", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("repo_key", "text", (c) => c.notNull().unique())
      .addColumn("private", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("repos_owner").on("repos").column("owner_id").execute();
  },
  async down(db) {
    for (const table of ["repos", "tokens", "org_members", "accounts"]) await db.schema.dropTable(table).execute();
  },
};
