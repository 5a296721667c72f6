import { z } from "zod";

/** Every event a subscription can ask for. */
export const WEBHOOK_EVENTS = [
  "result.added",
  "result.changed",
  "result.removed",
  "result.hidden",
  "pull_request.opened",
  "pull_request.merged",
  "pull_request.closed",
  "conflict.opened",
] as const;

export const webhookEventSchema = z.enum(WEBHOOK_EVENTS);
export type WebhookEventName = z.infer<typeof webhookEventSchema>;

/** One thing that happened, before it is routed to subscriptions. */
export interface HubEvent {
  name: WebhookEventName;
  /** The repository it happened in: subscribers must be able to read it. */
  repoId: number;
  /** The benchmark (dataset repository id) it concerns, for benchmark subscriptions; null when none. */
  benchmarkRepoIds: readonly number[];
  /** The JSON body's fields besides `event`, `delivery` and `sentAt`. */
  body: Record<string, unknown>;
}
