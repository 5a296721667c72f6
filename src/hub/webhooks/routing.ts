import { randomUUID } from "node:crypto";
import type { Insertable, Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { WebhookDeliveriesTable } from "../../db/schema-webhooks.ts";
import type { Account } from "../accounts.ts";
import type { Policy } from "../policy.ts";
import type { Repo } from "../repos.ts";
import type { HubEvent } from "./events.ts";

export type NewDelivery = Insertable<WebhookDeliveriesTable>;

/**
 * The deliveries a batch of events makes: for each active subscription on the event's repository, its owner's
 * namespace (organisation subscriptions) or a benchmark it concerns, that asked for the event and whose owner may
 * read the repository. One delivery per (subscription, event), even when several targets match.
 */
export async function routeEvents(db: Kysely<Database>, policy: Policy, events: readonly HubEvent[]): Promise<NewDelivery[]> {
  if (events.length === 0) return [];
  const subs = await db.selectFrom("webhooks").selectAll().where("active", "=", 1).execute();
  if (subs.length === 0) return [];
  const repos = new Map<number, Repo | undefined>();
  const owners = new Map<number, Account | undefined>();
  const readable = new Map<string, boolean>();
  const now = new Date().toISOString();
  const out: NewDelivery[] = [];
  for (const event of events) {
    if (!repos.has(event.repoId)) repos.set(event.repoId, await db.selectFrom("repos").selectAll().where("id", "=", event.repoId).executeTakeFirst());
    const repo = repos.get(event.repoId);
    if (!repo) continue;
    for (const sub of subs) {
      const matches =
        (sub.target_kind === "repo" && sub.repo_id === repo.id) ||
        (sub.target_kind === "org" && sub.org_id === repo.owner_id) ||
        (sub.target_kind === "benchmark" && sub.repo_id !== null && (sub.repo_id === repo.id || event.benchmarkRepoIds.includes(sub.repo_id)));
      if (!matches) continue;
      const wanted = JSON.parse(sub.events) as string[];
      if (wanted.length > 0 && !wanted.includes(event.name)) continue;
      const key = `${sub.owner_id}|${repo.id}`;
      if (!readable.has(key)) {
        if (!owners.has(sub.owner_id)) owners.set(sub.owner_id, await db.selectFrom("accounts").selectAll().where("id", "=", sub.owner_id).executeTakeFirst());
        const owner = owners.get(sub.owner_id);
        readable.set(key, owner !== undefined && (await policy.accountMayRead(owner, repo)));
      }
      if (!readable.get(key)) continue;
      const delivery = randomUUID();
      out.push({
        webhook_id: sub.id, delivery_uuid: delivery, event: event.name, payload: JSON.stringify({ event: event.name, delivery, ...event.body }),
        status: "pending", attempts: 0, next_attempt_at: now, created_at: now, updated_at: now,
      });
    }
  }
  return out;
}

export async function insertDeliveries(db: Kysely<Database>, rows: readonly NewDelivery[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) await db.insertInto("webhook_deliveries").values(rows.slice(i, i + 100)).execute();
}
