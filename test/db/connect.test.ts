import { existsSync } from "node:fs";
import { sql } from "kysely";
import { expect, it } from "vitest";
import { openDatabase } from "../../src/db/connect.ts";
import { selectedDialects } from "../support/dialect-selection.ts";
import { createTestDatabase, describeEachDialect } from "../support/dialects.ts";

describeEachDialect("openDatabase", (getDb) => {
  it("returns counts as numbers", async () => {
    const { db } = getDb();
    const updated_at = new Date().toISOString();
    await db.insertInto("meta").values([{ key: "count.a", value: "1", updated_at }, { key: "count.b", value: "2", updated_at }]).execute();
    const { n } = await db
      .selectFrom("meta")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("key", "like", "count.%")
      .executeTakeFirstOrThrow();
    expect(n).toBe(2);
  });

  it("enforces foreign keys", async () => {
    const { db } = getDb();
    await db.schema.createTable("fk_parent").addColumn("id", "integer", (c) => c.primaryKey()).execute();
    await db.schema
      .createTable("fk_child")
      .addColumn("parent_id", "integer", (c) => c.notNull().references("fk_parent.id"))
      .execute();
    const withScratch = db.withTables<{ fk_parent: { id: number }; fk_child: { parent_id: number } }>();
    await withScratch.insertInto("fk_parent").values({ id: 1 }).execute();
    await withScratch.insertInto("fk_child").values({ parent_id: 1 }).execute();
    await expect(withScratch.insertInto("fk_child").values({ parent_id: 42 }).execute()).rejects.toThrow();
  });
});

it("opens SQLite in WAL mode, which keeps a -wal file beside the database", async () => {
  const blank = await createTestDatabase("sqlite");
  const path = blank.url.replace(/^sqlite:/, "");
  const { db } = openDatabase(blank.url);
  try {
    await db.schema.createTable("wal_probe").addColumn("x", "integer").execute();
    expect(existsSync(`${path}-wal`)).toBe(true);
  } finally {
    await db.destroy();
    await blank.destroy();
  }
});

for (const dialect of selectedDialects()) {
  it(`${dialect}: reports queries at or over the slow-query threshold, with their SQL, and no others`, async () => {
    const blank = await createTestDatabase(dialect);
    const slow: { sql: string; ms: number }[] = [];
    const { db } = openDatabase(blank.url, { slowQueryMs: 100, onSlowQuery: (sql, ms) => slow.push({ sql, ms }) });
    try {
      // The first query on PostgreSQL also opens the pool's connection, which a loaded machine can make slow.
      await sql`select 0 as warm`.execute(db);
      slow.length = 0;
      await sql`select 1 as one`.execute(db);
      expect(slow).toEqual([]);
      // A recursive count long enough to take well over 100 ms on either database.
      await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${3_000_000}) select count(*) as c from n`.execute(db);
      expect(slow).toHaveLength(1);
      expect(slow[0]!.sql).toMatch(/^with recursive n\(i\)/);
      expect(slow[0]!.ms).toBeGreaterThanOrEqual(100);
    } finally {
      await db.destroy();
      await blank.destroy();
    }
  });
}
