import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { Policy } from "../policy.ts";
import type { PullRequestAction, PullRequestChanged } from "../pull-request-events.ts";
import { pullRequestBody } from "./event-bodies.ts";
import { RepoCache } from "./event-feed.ts";
import type { WebhookEventName } from "./events.ts";
import { insertDeliveries, routeEvents } from "./routing.ts";

const ANNOUNCED: Partial<Record<PullRequestAction, WebhookEventName>> = { opened: "pull_request.opened", merged: "pull_request.merged", closed: "pull_request.closed" };

/**
 * A pull request that was opened, merged or closed becomes deliveries right away (it is announced in this process).
 * Benchmark subscriptions hear of pull requests that propose results for their benchmark, read from the index
 * (which handled the change before this listener) and its history (a merged pull request's rows are gone).
 */
export async function enqueuePullRequestEvent(db: Kysely<Database>, policy: Policy, change: PullRequestChanged): Promise<number> {
  const name = ANNOUNCED[change.action];
  if (!name) return 0;
  const pr = await db.selectFrom("discussions").leftJoin("accounts", "accounts.id", "discussions.author_id")
    .select(["discussions.num", "discussions.title", "discussions.status", "discussions.created_at", "accounts.name as author"])
    .where("discussions.repo_id", "=", change.repo.id).where("discussions.num", "=", change.num).executeTakeFirst();
  if (!pr) return 0;
  const ref = `refs/pr/${change.num}`;
  const keys = new Set<string>();
  for (const r of await db.selectFrom("results").select("dataset_key").distinct().where("repo_id", "=", change.repo.id).where("ref", "=", ref).execute()) if (r.dataset_key) keys.add(r.dataset_key);
  for (const r of await db.selectFrom("result_history").select("dataset_key").distinct().where("repo_id", "=", change.repo.id).where("ref", "=", ref).execute()) keys.add(r.dataset_key);
  const benchmarkRepoIds = await new RepoCache(db).benchmarkIds([...keys]);
  const body = pullRequestBody(change.repo, { num: pr.num, title: pr.title, status: pr.status, author: pr.author ?? null, createdAt: pr.created_at }, change.actor.user?.name ?? null, new Date().toISOString());
  const deliveries = await routeEvents(db, policy, [{ name, repoId: change.repo.id, benchmarkRepoIds, body }]);
  await insertDeliveries(db, deliveries);
  return deliveries.length;
}
