import { z } from "zod";
import { webhookEventSchema } from "../../hub/webhooks/events.ts";

const repoId = z.string().min(3).max(200).describe("namespace/name");

export const webhookTargetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("repo"), type: z.enum(["model", "dataset"]).default("model"), id: repoId }),
  z.object({ kind: z.literal("org"), name: z.string().min(1).max(100) }),
  z.object({ kind: z.literal("benchmark"), id: repoId }),
]);

export const createWebhookBodySchema = z.object({
  target: webhookTargetSchema,
  url: z.string().max(2048).describe("http or https URL the events are POSTed to"),
  secret: z.string().min(16).max(256).optional().describe("HMAC-SHA256 key; made up and returned once when absent"),
  events: z.array(webhookEventSchema).max(20).optional().describe("the events to send; absent or empty for all"),
  active: z.boolean().optional(),
});

export const webhookSchema = z.object({
  id: z.number().int(),
  owner: z.string().nullable(),
  target: z.object({ kind: z.enum(["repo", "org", "benchmark"]), id: z.string(), type: z.string().optional() }),
  url: z.string(),
  events: z.array(webhookEventSchema),
  active: z.boolean(),
  createdAt: z.string(),
});

export const createdWebhookSchema = webhookSchema.extend({ secret: z.string().describe("shown only in this answer") });

export const webhookDeliverySchema = z.object({
  id: z.number().int(),
  deliveryId: z.string(),
  event: webhookEventSchema,
  status: z.enum(["pending", "delivering", "succeeded", "failed"]),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastResponse: z.string().nullable(),
  lastError: z.string().nullable(),
  lastDurationMs: z.number().int().nullable(),
  createdAt: z.string(),
  payload: z.unknown(),
  log: z.array(z.object({ attempt: z.number().int(), at: z.string(), statusCode: z.number().int().nullable(), responseExcerpt: z.string().nullable(), error: z.string().nullable(), durationMs: z.number().int() })),
});

export const webhookIdParamSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
