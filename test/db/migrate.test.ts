import { expect, it } from "vitest";
import { openDatabase } from "../../src/db/connect.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { migrations } from "../../src/db/migrations/index.ts";
import { createTestDatabase, describeEachDialect } from "../support/dialects.ts";

describeEachDialect("migrations", (getDb) => {
  it("applies every migration to an empty database, then nothing on a second run", async () => {
    const blank = await createTestDatabase(getDb().dialect);
    const { db, dialect } = openDatabase(blank.url);
    try {
      expect(await migrateToLatest(db, dialect)).toEqual(Object.keys(migrations));
      expect(await migrateToLatest(db, dialect)).toEqual([]);
    } finally {
      await db.destroy();
      await blank.destroy();
    }
  });

  it("stores and reads back a meta value", async () => {
    const { db } = getDb();
    const row = { key: "schema.owner", value: "evalhub ✓", updated_at: new Date().toISOString() };
    await db.insertInto("meta").values(row).execute();
    expect(await db.selectFrom("meta").selectAll().where("key", "=", row.key).executeTakeFirst()).toEqual(row);
  });

  it("rejects a second meta row with the same key", async () => {
    const { db } = getDb();
    const row = { key: "schema.unique", value: "first", updated_at: new Date().toISOString() };
    await db.insertInto("meta").values(row).execute();
    await expect(db.insertInto("meta").values({ ...row, value: "second" }).execute()).rejects.toThrow();
  });

  it("keeps existing data when migrating an up-to-date database", async () => {
    const { db, dialect } = getDb();
    const row = { key: "schema.kept", value: "still here", updated_at: new Date().toISOString() };
    await db.insertInto("meta").values(row).execute();
    expect(await migrateToLatest(db, dialect)).toEqual([]);
    expect(await db.selectFrom("meta").select("value").where("key", "=", row.key).executeTakeFirst()).toEqual({
      value: "still here",
    });
  });
});
