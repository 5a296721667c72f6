import type { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../env.ts";
import { readJsonBody } from "../json-body.ts";

export const issuerBody = z.object({
  name: z.string().max(200),
  jwk: z.unknown().optional(),
  benchmarks: z.array(z.string().max(200)).max(1000).nullable().optional(),
});

/** Signed results: the public keys anyone verifies tokens with, and the trusted issuers site admins manage. */
export function registerIssuers(app: Hono<AppEnv>): void {
  app.get("/.well-known/jwks.json", async (c) => {
    c.header("Access-Control-Allow-Origin", "*");
    c.header("Cache-Control", "public, max-age=60");
    return c.json(await c.var.hub.issuers.jwks());
  });

  app.get("/api/admin/issuers", async (c) => c.json(await c.var.hub.issuers.list(c.var.actor)));

  app.post("/api/admin/issuers", async (c) => {
    const body = await readJsonBody(c, issuerBody);
    const input = { name: body.name, ...(body.benchmarks === undefined ? {} : { benchmarks: body.benchmarks }), ...(body.jwk === undefined ? {} : { jwk: body.jwk }) };
    const done = await c.var.hub.issuers.register(c.var.actor, input);
    return c.json({ ...done.issuer, reverified: done.reverified }, done.created ? 201 : 200);
  });

  app.delete("/api/admin/issuers/:name", async (c) => {
    const kid = c.req.query("kid") || undefined;
    const done = await c.var.hub.issuers.remove(c.var.actor, c.req.param("name"), kid);
    return c.json({ name: c.req.param("name"), ...(kid ? { kid } : {}), reverified: done.reverified });
  });
}
