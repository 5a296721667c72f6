import { sql } from "kysely";
import type { DialectMigration } from "./migration.ts";

/**
 * Tables whose rows change what a leaderboard or a model's results page shows (results and their history,
 * moderation, benchmarks, model facts, and the repositories, accounts and memberships that decide who sees what).
 */
export const READ_VERSION_TABLES = ["results", "result_history", "hidden_entries", "model_meta", "benchmarks", "benchmark_flags", "repos", "accounts", "org_members"] as const;

const OPERATIONS = ["insert", "update", "delete"] as const;

/**
 * `read_version`: one counter that every write to those tables moves forward, in the writing transaction, so a
 * cached read keyed by it is never older than the data (see src/api/read-cache.ts). SQLite has only row
 * triggers; PostgreSQL bumps once per statement.
 */
export const readVersion: DialectMigration = {
  async up(db, dialect) {
    await db.schema
      .createTable("read_version")
      .addColumn("id", "integer", (c) => c.primaryKey())
      .addColumn("version", "bigint", (c) => c.notNull())
      .execute();
    await db.insertInto("read_version").values({ id: 1, version: 0 }).execute();
    if (dialect === "postgres") {
      await sql`create function bump_read_version() returns trigger language plpgsql as $$
        begin update read_version set version = version + 1 where id = 1; return null; end $$`.execute(db);
      for (const table of READ_VERSION_TABLES) {
        await sql`create trigger ${sql.id(`read_version_${table}`)} after insert or update or delete or truncate on ${sql.table(table)}
          for each statement execute function bump_read_version()`.execute(db);
      }
      return;
    }
    for (const table of READ_VERSION_TABLES) {
      for (const op of OPERATIONS) {
        await sql`create trigger ${sql.id(`read_version_${table}_${op}`)} after ${sql.raw(op)} on ${sql.table(table)}
          begin update read_version set version = version + 1 where id = 1; end`.execute(db);
      }
    }
  },
  async down(db, dialect) {
    if (dialect === "postgres") {
      for (const table of READ_VERSION_TABLES) await sql`drop trigger ${sql.id(`read_version_${table}`)} on ${sql.table(table)}`.execute(db);
      await sql`drop function bump_read_version()`.execute(db);
    } else {
      for (const table of READ_VERSION_TABLES) for (const op of OPERATIONS) await sql`drop trigger ${sql.id(`read_version_${table}_${op}`)}`.execute(db);
    }
    await db.schema.dropTable("read_version").execute();
  },
};
