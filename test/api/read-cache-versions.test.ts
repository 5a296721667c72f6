import { Hono } from "hono";
import { sql } from "kysely";
import { expect, it } from "vitest";
import { ReadCache } from "../../src/api/read-cache.ts";
import type { AppEnv } from "../../src/api/env.ts";
import type { Hub } from "../../src/hub/hub.ts";
import { describeEachDialect } from "../support/dialects.ts";

// The read cache keeps only the newest read version's answers: older ones can never be asked for again, so a
// write frees them at once instead of letting them fill the cache's bound (memory that grew through a soak).

describeEachDialect("read cache versions", (getDb) => {
  it("keeps the current version's answers and drops the older ones when the version moves", async () => {
    const { db } = getDb();
    const cache = new ReadCache();
    const computed: string[] = [];
    const app = new Hono<AppEnv>();
    app.use(async (c, next) => {
      c.set("hub", { db } as unknown as Hub);
      c.set("actor", { user: null, tokenRole: null } as unknown as AppEnv["Variables"]["actor"]);
      await next();
    });
    app.get("/api/answer/:name", (c) =>
      cache.serve(c, async () => {
        computed.push(c.req.param("name"));
        return c.json({ name: c.req.param("name"), padding: "x".repeat(1000) });
      }),
    );
    const get = async (name: string) => (await app.request(`http://hub.test/api/answer/${name}`)).json();

    expect(await get("a")).toMatchObject({ name: "a" });
    expect(await get("a")).toMatchObject({ name: "a" });
    await get("b");
    expect(computed).toEqual(["a", "b"]);
    expect(cache.held.answers).toBe(2);
    const twoAnswers = cache.held.bytes;
    expect(twoAnswers).toBeGreaterThan(2000);

    await sql`update read_version set version = version + 1 where id = 1`.execute(db);
    expect(await get("a")).toMatchObject({ name: "a" });
    expect(computed).toEqual(["a", "b", "a"]);
    expect(cache.held.answers).toBe(1);
    expect(cache.held.bytes).toBeLessThan(twoAnswers);
    expect(await cache.anonymousAnswer(db, "http://hub.test/api/answer/a")).toBeDefined();
    expect(await cache.anonymousAnswer(db, "http://hub.test/api/answer/b")).toBeUndefined();
  });
});
