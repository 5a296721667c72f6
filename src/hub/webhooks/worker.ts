import type { Kysely, Selectable } from "kysely";
import type { Logger } from "pino";
import type { Database } from "../../db/schema.ts";
import type { WebhookDeliveriesTable } from "../../db/schema-webhooks.ts";
import type { EventFeed } from "./event-feed.ts";
import type { SecretBox } from "./secret-box.ts";
import type { AllowedAddresses } from "./allowed-addresses.ts";
import { sendDelivery, type AttemptOutcome } from "./send.ts";

export interface WebhookSettings {
  /** The first retry waits this long; each later one twice as long as the one before (capped at an hour). */
  backoffMs: number;
  maxAttempts: number;
  timeoutMs: number;
  /** How often the worker looks for new events and due deliveries when nothing pokes it. */
  pollMs: number;
  /** Where deliveries may connect (EVALHUB_WEBHOOK_ALLOWED_HOSTS). */
  allowedAddresses: AllowedAddresses;
}

const CLAIM_BATCH = 10;
const MAX_DELAY_MS = 3_600_000;
/** Finished deliveries (and their attempts) are kept this long for the log, then deleted. */
const KEEP_FINISHED_MS = 30 * 24 * 3_600_000;
const PRUNE_EVERY_MS = 3_600_000;
/** Claims go stale only after the send timeout and a minute more, so looking for them every few seconds is enough. */
const RELEASE_EVERY_MS = 5_000;

export const retryDelay = (backoffMs: number, attempts: number) => Math.min(MAX_DELAY_MS, backoffMs * 2 ** Math.max(0, attempts - 1));

/**
 * Delivers webhook jobs, in the server process: turns new events into deliveries (EventFeed), then claims due
 * deliveries one by one with `UPDATE … WHERE id = ? AND status = 'pending'` (only one process wins a row), sends
 * them, and records the attempt; a failure is retried after an exponential backoff until `maxAttempts`.
 */
export class WebhookWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private started = false;
  private stopping = false;
  private prunedAt = 0;
  private releasedAt = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly feed: EventFeed,
    private readonly box: SecretBox,
    private readonly settings: WebhookSettings,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.started = true;
    this.poke();
  }

  /** Runs a pass soon (after an event), or right after the current one. */
  poke(): void {
    if (!this.started || this.stopping) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.pass()
      .catch((err: unknown) => this.log.error({ err }, "webhook worker pass failed"))
      .finally(() => {
        this.running = null;
        if (this.stopping) return;
        if (this.again) {
          this.again = false;
          this.poke();
        } else {
          this.timer = setTimeout(() => this.poke(), this.settings.pollMs);
        }
      });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass: new events into deliveries, then every due delivery (in batches), until none is left. */
  async pass(): Promise<void> {
    while ((await this.feed.pump()) > 0) {
      // keep reading while the sources have more
    }
    await this.releaseStaleClaims();
    await this.pruneFinished();
    for (;;) {
      const due = await this.db.selectFrom("webhook_deliveries").select("id")
        .where("status", "=", "pending").where("next_attempt_at", "<=", new Date().toISOString())
        .orderBy("next_attempt_at").orderBy("id").limit(CLAIM_BATCH).execute();
      if (due.length === 0) return;
      const claimed = (await Promise.all(due.map((d) => this.claim(d.id)))).filter((d) => d !== undefined);
      await Promise.all(claimed.map((d) => this.attempt(d)));
      if (this.stopping) return;
    }
  }

  private async claim(id: number): Promise<Selectable<WebhookDeliveriesTable> | undefined> {
    const now = new Date().toISOString();
    const won = await this.db.updateTable("webhook_deliveries")
      .set((eb) => ({ status: "delivering", claimed_at: now, attempts: eb("attempts", "+", 1), updated_at: now }))
      .where("id", "=", id).where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(won.numUpdatedRows) !== 1) return undefined;
    return this.db.selectFrom("webhook_deliveries").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** A process that died while delivering leaves its claim behind: it goes back to the queue (the attempt counts). */
  private async releaseStaleClaims(): Promise<void> {
    if (Date.now() - this.releasedAt < RELEASE_EVERY_MS) return;
    this.releasedAt = Date.now();
    const before = new Date(Date.now() - this.settings.timeoutMs - 60_000).toISOString();
    await this.db.updateTable("webhook_deliveries").set({ status: "pending", claimed_at: null })
      .where("status", "=", "delivering").where("claimed_at", "<", before).execute();
  }

  private async pruneFinished(): Promise<void> {
    if (Date.now() - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = Date.now();
    const before = new Date(Date.now() - KEEP_FINISHED_MS).toISOString();
    await this.db.deleteFrom("webhook_deliveries").where("status", "in", ["succeeded", "failed"]).where("updated_at", "<", before).execute();
  }

  private async attempt(delivery: Selectable<WebhookDeliveriesTable>): Promise<void> {
    const sub = await this.db.selectFrom("webhooks").select(["url", "secret_sealed"]).where("id", "=", delivery.webhook_id).executeTakeFirst();
    let outcome: AttemptOutcome;
    if (!sub) return;
    try {
      const secret = this.box.open(sub.secret_sealed);
      outcome = await sendDelivery({ url: sub.url, secret, event: delivery.event, deliveryId: delivery.delivery_uuid, body: delivery.payload, timeoutMs: this.settings.timeoutMs, allowed: this.settings.allowedAddresses });
    } catch (err) {
      outcome = { ok: false, statusCode: null, responseExcerpt: null, error: err instanceof Error ? err.message : String(err), durationMs: 0 };
    }
    const now = new Date();
    const givesUp = !outcome.ok && delivery.attempts >= this.settings.maxAttempts;
    const status = outcome.ok ? "succeeded" : givesUp ? "failed" : "pending";
    const next = outcome.ok || givesUp ? now : new Date(now.getTime() + retryDelay(this.settings.backoffMs, delivery.attempts));
    await this.db.transaction().execute(async (tx) => {
      await tx.insertInto("webhook_attempts").values({
        delivery_id: delivery.id, attempt: delivery.attempts, at: now.toISOString(), status_code: outcome.statusCode,
        response_excerpt: outcome.responseExcerpt, error: outcome.error, duration_ms: outcome.durationMs,
      }).execute();
      await tx.updateTable("webhook_deliveries").set({
        status, next_attempt_at: next.toISOString(), claimed_at: null, last_status_code: outcome.statusCode, last_response: outcome.responseExcerpt,
        last_error: outcome.error, last_duration_ms: outcome.durationMs, updated_at: now.toISOString(),
      }).where("id", "=", delivery.id).where("status", "=", "delivering").execute();
    });
    if (!outcome.ok) this.log.warn({ delivery: delivery.delivery_uuid, attempt: delivery.attempts, error: outcome.error, status }, "webhook delivery failed");
  }
}
