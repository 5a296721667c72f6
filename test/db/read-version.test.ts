import { sql } from "kysely";
import { expect, it } from "vitest";
import { REPO_COLUMNS_READS_USE } from "../../src/db/migrations/0012_repo_touch_keeps_version.ts";
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

  it("answers while every connection of the pool is taken by a transaction in progress", async () => {
    const { db } = getDb();
    const before = await readVersion(db);
    // More transactions than PostgreSQL's pool has connections (10), each held open until the gate opens.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const holders = Array.from({ length: 12 }, () => db.transaction().execute(async (tx) => {
      await sql`select 1`.execute(tx);
      await gate;
    }));
    let released = false;
    const guard = setTimeout(() => {
      released = true;
      open();
    }, 10_000);
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const seen = await readVersion(db);
      expect(released).toBe(false);
      expect(seen).toBe(before);
    } finally {
      clearTimeout(guard);
      open();
      await Promise.all(holders);
    }
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

  it("moves when a repository is added, changed or deleted, but not when only its modification time is stamped", async () => {
    const { db } = getDb();
    const at = new Date().toISOString();
    const owner = await db
      .insertInto("accounts")
      .values({ kind: "user", name: "versioned", name_key: "versioned", fullname: "", email: null, password_hash: null, is_admin: 0, created_at: at })
      .returning("id")
      .executeTakeFirstOrThrow();
    const moves = async (write: () => Promise<unknown>) => {
      const before = await readVersion(db);
      await write();
      return (await readVersion(db)) > before;
    };
    const values = { kind: "model" as const, owner_id: owner.id, namespace: "versioned", name: "m", repo_key: "model:versioned/m", private: 0, created_at: at, updated_at: at };
    let id = 0;
    expect(await moves(async () => (id = (await db.insertInto("repos").values(values).returning("id").executeTakeFirstOrThrow()).id))).toBe(true);
    expect(await moves(() => db.updateTable("repos").set({ updated_at: new Date(Date.now() + 1000).toISOString() }).where("id", "=", id).execute())).toBe(false);
    expect(await moves(() => db.updateTable("repos").set({ private: 1, updated_at: new Date(Date.now() + 2000).toISOString() }).where("id", "=", id).execute())).toBe(true);
    expect(await moves(() => db.updateTable("repos").set({ name: "renamed" }).where("id", "=", id).execute())).toBe(true);
    expect(await moves(() => db.deleteFrom("repos").where("id", "=", id).execute())).toBe(true);
  });

  it("is moved by every column of repositories but the modification time (a new column must be added to the list)", async () => {
    const { db } = getDb();
    const tables = await db.introspection.getTables();
    const repos = tables.find((t) => t.name === "repos");
    const columns = (repos?.columns ?? []).map((c) => c.name).filter((c) => c !== "updated_at");
    expect(columns.length).toBeGreaterThan(5);
    expect([...columns].sort()).toEqual([...REPO_COLUMNS_READS_USE].sort());
  });
});
