import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/connect.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { threadedVersionReader } from "../../src/db/threaded-version-reader.ts";
import { selectedDialects } from "../support/dialect-selection.ts";
import { createTestDatabase, type TestDatabase } from "../support/dialects.ts";

// PostgreSQL's read version is read on a worker thread with a connection of its own (SQLite reads it on a
// read-only connection in process: test/db/read-version.test.ts covers both through `readVersion`).

const READER_SQL = "select version from read_version where id = 1";

if (selectedDialects().includes("postgres")) {
  describe("postgres: the version reader's thread", () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase("postgres");
      const { db } = openDatabase(database.url);
      await migrateToLatest(db, "postgres");
      await db.destroy();
    });
    afterAll(() => database?.destroy());

    it("answers the committed version, opens its connection again when it is dropped, and answers nothing once closed", async () => {
      const { db } = openDatabase(database.url);
      const reader = threadedVersionReader(database.url);
      try {
        await sql`update read_version set version = version + 5 where id = 1`.execute(db);
        const committed = Number((await db.selectFrom("read_version").select("version").executeTakeFirstOrThrow()).version);
        expect(await reader.read()).toBe(committed);

        const readerPids = async () => (await sql<{ pid: number }>`select pid from pg_stat_activity where query = ${READER_SQL} and pid <> pg_backend_pid()`.execute(db)).rows.map((r) => r.pid);
        const [first] = await readerPids();
        expect(first).toBeDefined();
        await sql`select pg_terminate_backend(${first})`.execute(db);
        // The read that meets the dropped connection may answer nothing (the caller then asks through its pool).
        const afterDrop = [await reader.read(), await reader.read()];
        expect(afterDrop.at(-1)).toBe(committed);
        expect(await readerPids()).not.toContain(first);
      } finally {
        await reader.close();
      }
      expect(await reader.read()).toBeUndefined();
      await db.destroy();
    });
  });
}
