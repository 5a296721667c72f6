import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { openDatabase } from "../../src/db/connect.ts";
import type { DialectName } from "../../src/db/dialect.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { createPostgresDatabase, dropPostgresDatabase } from "../../src/db/postgres-admin.ts";
import type { Database } from "../../src/db/schema.ts";
import { selectedDialects } from "./dialect-selection.ts";

export interface TestDatabase {
  dialect: DialectName;
  /** What a hub process takes as DATABASE_URL. */
  url: string;
  /** Deletes the database; close connections to it first. */
  destroy(): Promise<void>;
}

export interface OpenTestDatabase {
  dialect: DialectName;
  url: string;
  db: Kysely<Database>;
}

/** A new, empty database of its own (no migrations applied). */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === "sqlite") {
    const dir = await mkdtemp(join(tmpdir(), "evalhub-test-db-"));
    return { dialect, url: `sqlite:${join(dir, "evalhub.sqlite")}`, destroy: () => rm(dir, { recursive: true, force: true }) };
  }
  const adminUrl = inject("postgresAdminUrl");
  if (adminUrl === null) throw new Error("PostgreSQL is not among TEST_DIALECTS, so no server was started");
  const name = `evalhub_test_${randomBytes(8).toString("hex")}`;
  const url = await createPostgresDatabase(adminUrl, name);
  return { dialect, url, destroy: () => dropPostgresDatabase(adminUrl, name) };
}

/**
 * Runs the same tests once per dialect, as `sqlite: NAME` and `postgres: NAME`. Each block gets a
 * fresh migrated database for this file alone, deleted after its tests; `getDb()` works inside tests and hooks.
 */
export function describeEachDialect(name: string, body: (getDb: () => OpenTestDatabase) => void): void {
  for (const dialect of selectedDialects()) {
    describe(`${dialect}: ${name}`, () => {
      let current: (OpenTestDatabase & { database: TestDatabase }) | undefined;
      beforeAll(async () => {
        const database = await createTestDatabase(dialect);
        const { db } = openDatabase(database.url);
        current = { dialect, url: database.url, db, database };
        await migrateToLatest(db, dialect);
      });
      afterAll(async () => {
        await current?.db.destroy();
        await current?.database.destroy();
      });
      body(() => {
        if (current === undefined) throw new Error("the test database exists only inside tests and hooks");
        return current;
      });
    });
  }
}
