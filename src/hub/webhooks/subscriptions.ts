import { randomBytes } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { WebhookDeliveriesTable, WebhookTargetKind, WebhooksTable } from "../../db/schema-webhooks.ts";
import type { Accounts } from "../accounts.ts";
import { HubError, badRequest, notFound } from "../errors.ts";
import type { Actor, Policy } from "../policy.ts";
import type { Repos } from "../repos.ts";
import { notAllowedMessage, type AllowedAddresses } from "./allowed-addresses.ts";
import { literalAddress } from "./guarded-lookup.ts";
import { startFeedCursors } from "./event-feed.ts";
import type { WebhookEventName } from "./events.ts";
import type { SecretBox } from "./secret-box.ts";

export type SubscriptionTarget =
  | { kind: "repo"; type: "model" | "dataset"; id: string }
  | { kind: "org"; name: string }
  | { kind: "benchmark"; id: string };

export interface NewSubscription {
  target: SubscriptionTarget;
  url: string;
  /** Made up (and shown once) when not given. */
  secret?: string | undefined;
  /** Empty or absent: every event. */
  events?: readonly WebhookEventName[] | undefined;
  active?: boolean | undefined;
}

export interface Subscription {
  id: number;
  owner: string | null;
  target: { kind: WebhookTargetKind; id: string; type?: string };
  url: string;
  events: WebhookEventName[];
  active: boolean;
  createdAt: string;
}

export interface DeliveryRecord {
  id: number;
  deliveryId: string;
  event: string;
  status: Selectable<WebhookDeliveriesTable>["status"];
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastResponse: string | null;
  lastError: string | null;
  lastDurationMs: number | null;
  createdAt: string;
  payload: unknown;
  log: { attempt: number; at: string; statusCode: number | null; responseExcerpt: string | null; error: string | null; durationMs: number }[];
}

const MAX_PER_OWNER = 100;
const MAX_URL = 2048;

const webhookNotFound = () => new HubError(404, "WebhookNotFound", "no such webhook");

/** Webhook subscriptions: who may make them is the policy's; a subscription is seen by its owner and site admins. */
export class Webhooks {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly accounts: Accounts,
    private readonly repos: Repos,
    private readonly policy: Policy,
    private readonly box: SecretBox,
    private readonly allowed: AllowedAddresses,
  ) {}

  async create(actor: Actor, input: NewSubscription): Promise<{ subscription: Subscription; secret: string }> {
    const url = checkUrl(input.url, this.allowed);
    const resolved = await this.resolveTarget(actor, input.target);
    const owner = actor.user!;
    const count = await this.db.selectFrom("webhooks").select((eb) => eb.fn.countAll<number>().as("n")).where("owner_id", "=", owner.id).executeTakeFirst();
    if (Number(count?.n ?? 0) >= MAX_PER_OWNER) throw new HubError(429, "TooManyWebhooks", `an account may have at most ${MAX_PER_OWNER} webhooks`);
    const secret = input.secret ?? `whsec_${randomBytes(24).toString("base64url")}`;
    await startFeedCursors(this.db);
    const now = new Date().toISOString();
    const row = await this.db.insertInto("webhooks").values({
      owner_id: owner.id, target_kind: input.target.kind, repo_id: resolved.repoId, org_id: resolved.orgId, url, secret_sealed: this.box.seal(secret),
      events: JSON.stringify([...new Set(input.events ?? [])]), active: input.active === false ? 0 : 1, created_at: now, updated_at: now,
    }).returning("id").executeTakeFirstOrThrow();
    return { subscription: await this.get(actor, row.id), secret };
  }

  async list(actor: Actor): Promise<Subscription[]> {
    if (!actor.user) throw new HubError(401, "Unauthorized", "sign in to list your webhooks");
    let q = this.db.selectFrom("webhooks").selectAll().orderBy("id");
    if (!actor.user.is_admin) q = q.where("owner_id", "=", actor.user.id);
    return Promise.all((await q.limit(1000).execute()).map((row) => this.present(row)));
  }

  async get(actor: Actor, id: number): Promise<Subscription> {
    return this.present(await this.owned(actor, id));
  }

  async remove(actor: Actor, id: number): Promise<void> {
    await this.owned(actor, id);
    this.policy.assertChangeSubscription(actor);
    await this.db.deleteFrom("webhooks").where("id", "=", id).execute();
  }

  /** The newest deliveries of a subscription, each with every attempt. */
  async deliveries(actor: Actor, id: number, limit = 100): Promise<DeliveryRecord[]> {
    await this.owned(actor, id);
    const rows = await this.db.selectFrom("webhook_deliveries").selectAll().where("webhook_id", "=", id).orderBy("id", "desc").limit(limit).execute();
    if (rows.length === 0) return [];
    const attempts = await this.db.selectFrom("webhook_attempts").selectAll().where("delivery_id", "in", rows.map((r) => r.id)).orderBy("delivery_id").orderBy("attempt").execute();
    return rows.map((r) => ({
      id: r.id, deliveryId: r.delivery_uuid, event: r.event, status: r.status, attempts: r.attempts,
      nextAttemptAt: r.status === "pending" ? r.next_attempt_at : null, lastStatusCode: r.last_status_code, lastResponse: r.last_response,
      lastError: r.last_error, lastDurationMs: r.last_duration_ms, createdAt: r.created_at, payload: JSON.parse(r.payload) as unknown,
      log: attempts.filter((a) => a.delivery_id === r.id).map((a) => ({ attempt: a.attempt, at: a.at, statusCode: a.status_code, responseExcerpt: a.response_excerpt, error: a.error, durationMs: a.duration_ms })),
    }));
  }

  /** The subscription, when the actor may see it; a 404 otherwise (whether or not it exists). */
  private async owned(actor: Actor, id: number): Promise<Selectable<WebhooksTable>> {
    if (!actor.user) throw new HubError(401, "Unauthorized", "sign in to manage webhooks");
    const row = await this.db.selectFrom("webhooks").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row || !this.policy.mayManageSubscription(actor, row.owner_id)) throw webhookNotFound();
    return row;
  }

  private async resolveTarget(actor: Actor, target: SubscriptionTarget): Promise<{ repoId: number | null; orgId: number | null }> {
    if (target.kind === "org") {
      const org = await this.accounts.byName(target.name);
      if (!org) throw notFound("UserNotFound", `no user or organisation named ${target.name}`);
      await this.policy.assertSubscribe(actor, { kind: "org", org });
      return { repoId: null, orgId: org.id };
    }
    const [namespace = "", name = "", ...rest] = target.id.split("/");
    if (rest.length > 0 || !namespace || !name) throw badRequest("BadRequest", `"${target.id}" is not a repository id (namespace/name)`);
    const kind = target.kind === "benchmark" ? "dataset" : target.type;
    const repo = await this.repos.readable(actor, { kind, namespace, name });
    await this.policy.assertSubscribe(actor, { kind: target.kind, repo });
    if (target.kind === "benchmark") {
      const benchmark = await this.db.selectFrom("benchmarks").select("repo_id").where("repo_id", "=", repo.id).executeTakeFirst();
      if (!benchmark) throw notFound("NotABenchmark", `${target.id} has no eval.yaml on main: it is not a benchmark`);
    }
    return { repoId: repo.id, orgId: null };
  }

  private async present(row: Selectable<WebhooksTable>): Promise<Subscription> {
    const owner = await this.accounts.byId(row.owner_id);
    let target: Subscription["target"];
    if (row.org_id !== null) {
      target = { kind: row.target_kind, id: (await this.accounts.byId(row.org_id))?.name ?? "" };
    } else {
      const repo = await this.db.selectFrom("repos").select(["kind", "namespace", "name"]).where("id", "=", row.repo_id ?? -1).executeTakeFirst();
      target = { kind: row.target_kind, id: repo ? `${repo.namespace}/${repo.name}` : "", ...(repo ? { type: repo.kind } : {}) };
    }
    return { id: row.id, owner: owner?.name ?? null, target, url: row.url, events: JSON.parse(row.events) as WebhookEventName[], active: row.active === 1, createdAt: row.created_at };
  }
}

/** Only http(s) URLs without credentials: anything else (file:, javascript:, ftp:…) is refused. */
export function checkUrl(text: string, allowed: AllowedAddresses): string {
  if (text.length > MAX_URL) throw badRequest("BadWebhookUrl", `the URL is over ${MAX_URL} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badRequest("BadWebhookUrl", "the webhook URL is not a URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw badRequest("BadWebhookUrl", `webhook URLs must be http or https, not ${url.protocol.replace(/:$/, "")}`);
  if (url.username || url.password) throw badRequest("BadWebhookUrl", "put no credentials in the webhook URL; the signature authenticates the hub");
  // A host name is checked when a delivery connects, against every address it resolves to; an address is known now.
  const address = literalAddress(url.hostname);
  if (address !== null && !allowed.allows(address)) throw badRequest("BadWebhookUrl", notAllowedMessage(url.hostname));
  return url.toString();
}
