import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/connect.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { createTestDatabase } from "./dialects.ts";
import { selectedDialects } from "./dialect-selection.ts";

for (const dialect of selectedDialects()) {
  describe(`${dialect}: createTestDatabase`, () => {
    it("gives each caller a separate database", async () => {
      const [first, second] = await Promise.all([createTestDatabase(dialect), createTestDatabase(dialect)]);
      const a = openDatabase(first.url);
      const b = openDatabase(second.url);
      try {
        expect(first.url).not.toBe(second.url);
        await Promise.all([migrateToLatest(a.db, dialect), migrateToLatest(b.db, dialect)]);
        await a.db.insertInto("meta").values({ key: "only.in.first", value: "x", updated_at: "2026-01-01T00:00:00.000Z" }).execute();
        expect(await b.db.selectFrom("meta").selectAll().execute()).toEqual([]);
      } finally {
        await Promise.all([a.db.destroy(), b.db.destroy()]);
        await Promise.all([first.destroy(), second.destroy()]);
      }
    });
  });
}

describe("destroying a test database", () => {
  if (selectedDialects().includes("sqlite")) it("removes the SQLite file", async () => {
    const database = await createTestDatabase("sqlite");
    const { db } = openDatabase(database.url);
    await migrateToLatest(db, "sqlite");
    await db.destroy();
    const path = database.url.replace(/^sqlite:/, "");
    expect(existsSync(path)).toBe(true);
    await database.destroy();
    expect(existsSync(path)).toBe(false);
  });

  if (selectedDialects().includes("postgres")) it("drops the PostgreSQL database", async () => {
    const database = await createTestDatabase("postgres");
    await database.destroy();
    const { db } = openDatabase(database.url);
    try {
      await expect(db.selectFrom("meta").selectAll().execute()).rejects.toThrow(/does not exist/);
    } finally {
      await db.destroy();
    }
  });
});
