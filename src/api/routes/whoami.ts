import type { Hono } from "hono";
import { unauthorized } from "../../hub/errors.ts";
import type { AppEnv } from "../env.ts";
import { presentWhoami } from "../presenters/whoami.ts";

export function registerWhoami(app: Hono<AppEnv>): void {
  app.get("/api/whoami-v2", async (c) => {
    const { user, token } = c.var.actor;
    if (!user) throw unauthorized("Invalid user token");
    const orgs = await c.var.hub.accounts.orgsOf(user.id);
    return c.json(presentWhoami(user, orgs, token ?? null));
  });
}
