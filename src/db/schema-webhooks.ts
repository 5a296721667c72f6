import type { Generated } from "kysely";

// Tables of webhooks (migration 0009). See the conventions in schema.ts. All hub state.

export type WebhookTargetKind = "repo" | "org" | "benchmark";

/** A subscription: events of a repository, of every repository of an organisation, or about a benchmark. */
export interface WebhooksTable {
  id: Generated<number>;
  /** Who subscribed: deliveries only carry what this account may read. */
  owner_id: number;
  target_kind: WebhookTargetKind;
  /** The repository (kind `repo`) or the benchmark's dataset repository (kind `benchmark`); null for `org`. */
  repo_id: number | null;
  /** The organisation (or user namespace) for kind `org`; null otherwise. */
  org_id: number | null;
  url: string;
  /** The signing secret, sealed with the data folder's webhook key (AES-256-GCM): see hub/webhooks/secret-box.ts. */
  secret_sealed: string;
  /** JSON array of event names; an empty array means every event. */
  events: string;
  active: number;
  created_at: string;
  updated_at: string;
}

export type WebhookDeliveryStatus = "pending" | "delivering" | "succeeded" | "failed";

/** One event for one subscription: a job the worker delivers, retried with backoff until it succeeds or gives up. */
export interface WebhookDeliveriesTable {
  id: Generated<number>;
  webhook_id: number;
  /** The `X-Evalhub-Delivery` header: a UUID, the same on every attempt. */
  delivery_uuid: string;
  event: string;
  /** The JSON body, exactly as signed and sent. */
  payload: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  next_attempt_at: string;
  /** When a worker claimed it (status `delivering`); a claim older than the timeout plus a margin is taken back. */
  claimed_at: string | null;
  last_status_code: number | null;
  last_response: string | null;
  last_error: string | null;
  last_duration_ms: number | null;
  created_at: string;
  updated_at: string;
}

/** Every attempt of a delivery: the log a subscriber reads. */
export interface WebhookAttemptsTable {
  id: Generated<number>;
  delivery_id: number;
  attempt: number;
  at: string;
  status_code: number | null;
  response_excerpt: string | null;
  error: string | null;
  duration_ms: number;
}

/** How far the event feed has read an append-only table (`result_history`, `moderation`). */
export interface WebhookCursorsTable {
  name: string;
  last_id: number;
}

/** Conflicts already announced (`conflict.opened` once per conflict id). */
export interface WebhookConflictsSeenTable {
  conflict_id: string;
  seen_at: string;
}

export interface WebhookTables {
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  webhook_cursors: WebhookCursorsTable;
  webhook_conflicts_seen: WebhookConflictsSeenTable;
}
