import type { Hono } from "hono";
import { sql } from "kysely";
import type { AppEnv } from "../env.ts";

export function registerHealth(app: Hono<AppEnv>): void {
  app.get("/healthz", async (c) => {
    await sql`select 1`.execute(c.var.hub.db);
    return c.json({ status: "ok" });
  });
}
