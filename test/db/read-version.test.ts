import { sql } from "kysely";
import { expect, it } from "vitest";
import { readVersion } from "../../src/db/queries/read-version.ts";
import { describeEachDialect } from "../support/dialects.ts";

// Every cached read starts by reading the version. It must see only committed versions, and it must not wait for
// a write transaction in progress (on SQLite, Kysely runs one query at a time on its one connection).

describeEachDialect("read version", (getDb) => {
  it("answers during a write transaction with the committed version, and with the new one after the commit", async () => {
    const { db } = getDb();
    const before = await readVersion(db);
    const seenInside = await db.transaction().execute(async (tx) => {
      await sql`update read_version set version = version + 1 where id = 1`.execute(tx);
      return readVersion(db);
    });
    expect(seenInside).toBe(before);
    expect(await readVersion(db)).toBe(before + 1);
  });

  it("never shows a version whose transaction rolled back", async () => {
    const { db } = getDb();
    const before = await readVersion(db);
    const failed = await db
      .transaction()
      .execute(async (tx) => {
        await sql`update read_version set version = version + 1 where id = 1`.execute(tx);
        expect(await readVersion(db)).toBe(before);
        throw new Error("roll back");
      })
      .catch((e: unknown) => e);
    expect((failed as Error).message).toBe("roll back");
    expect(await readVersion(db)).toBe(before);
  });
});
