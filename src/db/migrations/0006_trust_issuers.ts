import { addIdColumn } from "./columns.ts";
import type { DialectMigration } from "./migration.ts";

/**
 * Signed results: the evaluators (issuers) site admins trust, with their public keys and the benchmarks they
 * are trusted for (hub state), and on each indexed result the issuer that verified it (derived).
 */
export const trustIssuers: DialectMigration = {
  async up(db, dialect) {
    await addIdColumn(db.schema.createTable("trust_issuers"), dialect)
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("name_key", "text", (c) => c.notNull().unique())
      .addColumn("benchmarks", "text")
      .addColumn("created_by", "bigint", (c) => c.references("accounts.id").onDelete("set null"))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("trust_issuer_keys")
      .addColumn("kid", "text", (c) => c.primaryKey())
      .addColumn("issuer_id", "bigint", (c) => c.notNull().references("trust_issuers.id").onDelete("cascade"))
      .addColumn("jwk", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("trust_issuer_keys_issuer").on("trust_issuer_keys").column("issuer_id").execute();
    await db.schema.alterTable("results").addColumn("verify_issuer", "text").execute();
  },
  async down(db) {
    await db.schema.alterTable("results").dropColumn("verify_issuer").execute();
    await db.schema.dropTable("trust_issuer_keys").execute();
    await db.schema.dropTable("trust_issuers").execute();
  },
};
