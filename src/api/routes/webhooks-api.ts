import type { Context, Hono } from "hono";
import { HubError } from "../../hub/errors.ts";
import type { AppEnv } from "../env.ts";
import { readJsonBody } from "../json-body.ts";
import { queryInt } from "../query.ts";
import { createWebhookBodySchema, webhookIdParamSchema } from "../schemas/webhooks.ts";

const webhookId = (c: Context<AppEnv>): number => {
  const parsed = webhookIdParamSchema.safeParse(c.req.param("id"));
  if (!parsed.success) throw new HubError(404, "WebhookNotFound", "no such webhook");
  return parsed.data;
};

/** Webhook subscriptions: make, list, read, delete, and each one's delivery log. */
export function registerWebhooksApi(app: Hono<AppEnv>): void {
  app.post("/api/webhooks", async (c) => {
    const body = await readJsonBody(c, createWebhookBodySchema);
    const { subscription, secret } = await c.var.hub.webhooks.create(c.var.actor, body);
    return c.json({ ...subscription, secret }, 201);
  });

  app.get("/api/webhooks", async (c) => c.json(await c.var.hub.webhooks.list(c.var.actor)));

  app.get("/api/webhooks/:id", async (c) => c.json(await c.var.hub.webhooks.get(c.var.actor, webhookId(c))));

  app.delete("/api/webhooks/:id", async (c) => {
    await c.var.hub.webhooks.remove(c.var.actor, webhookId(c));
    return c.json({ deleted: true });
  });

  app.get("/api/webhooks/:id/deliveries", async (c) => {
    const limit = queryInt(c, "limit", { fallback: 100, min: 1, max: 500 });
    return c.json(await c.var.hub.webhooks.deliveries(c.var.actor, webhookId(c), limit));
  });
}
