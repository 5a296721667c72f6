import { mkdir } from "node:fs/promises";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import { openDatabase } from "../db/connect.ts";
import type { DialectName } from "../db/dialect.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { openProcessLock } from "../db/process-lock.ts";
import type { Database } from "../db/schema.ts";
import { isUniqueViolation } from "../db/unique-violation.ts";
import { Accounts, type Account } from "./accounts.ts";
import { HubError } from "./errors.ts";
import { Policy } from "./policy.ts";
import { PullRequestEvents } from "./pull-request-events.ts";
import { RefEvents } from "./ref-events.ts";
import { Repos } from "./repos.ts";
import { Sessions } from "./sessions.ts";
import { DEFAULT_FRAMEWORKS } from "../formats/frameworks.ts";
import type { ComputeContext } from "./results/compute.ts";
import { ResultsIndexer } from "./results/indexer.ts";
import { ReadChanges } from "./results/read-changes.ts";
import { Moderation } from "./results/moderation.ts";
import { Benchmarks } from "./results/benchmark-service.ts";
import { Issuers } from "./trust/issuers.ts";
import { reverifySigned } from "./trust/reverify.ts";
import { loadHubSigningKey } from "./trust/signing-key.ts";
import { EventFeed } from "./webhooks/event-feed.ts";
import { enqueuePullRequestEvent } from "./webhooks/pull-request-hook.ts";
import { SecretBox } from "./webhooks/secret-box.ts";
import { Webhooks } from "./webhooks/subscriptions.ts";
import { WebhookWorker } from "./webhooks/worker.ts";

/** The domain services, built once at start and shared by every edge (API, web, CLI). */
export interface Hub {
  config: Config;
  db: Kysely<Database>;
  dialect: DialectName;
  log: Logger;
  accounts: Accounts;
  policy: Policy;
  repos: Repos;
  /** Emitted after a git push moved refs. */
  refEvents: RefEvents;
  /** Emitted after a pull request was opened, committed to, closed, reopened, merged or renamed. */
  pullRequestEvents: PullRequestEvents;
  /** The results index: kept equal to git before each write request returns. */
  results: ResultsIndexer;
  /** The read-version moves this process made, with what each changed (for the read cache). */
  readChanges: ReadChanges;
  /** What the results index is computed from (database, git folders, known frameworks): `verifyIndex` recomputes it. */
  indexContext: ComputeContext;
  moderation: Moderation;
  benchmarks: Benchmarks;
  /** Who may sign results: the hub's own key and the evaluators site admins trust. */
  issuers: Issuers;
  /** Browser sessions (the web edge's sign-in). */
  sessions: Sessions;
  /** Webhook subscriptions and their delivery log. */
  webhooks: Webhooks;
  /** Delivers webhook jobs; only a server starts it (`start`/`stop`), others just enqueue. */
  webhookWorker: WebhookWorker;
  close(): Promise<void>;
}

export async function openHub(config: Config, log: Logger): Promise<Hub> {
  await mkdir(config.dataDir, { recursive: true });
  const { db, dialect } = openDatabase(config.databaseUrl, {
    onPoolError: (error) => log.warn({ err: error }, "database pool error"),
    onSlowQuery: (sql, ms) => log.warn({ ms, sql: sql.slice(0, 2000) }, "slow database query"),
    slowQueryMs: config.slowQueryMs,
  });
  // Two processes starting together on a new database (SQLite has no migration lock of its own) migrate one after the other.
  const migrateLock = openProcessLock(db, config.databaseUrl, "migrate");
  await migrateLock.run(() => migrateToLatest(db, dialect)).finally(() => migrateLock.close());
  const accounts = new Accounts(db);
  const policy = new Policy(accounts);
  const repos = new Repos(db, accounts, policy, config.dataDir);
  const refEvents = new RefEvents();
  const pullRequestEvents = new PullRequestEvents();
  const issuers = new Issuers(db, policy, await loadHubSigningKey(config.dataDir, config.issuer), () => reverifySigned(db, results));
  const indexContext: ComputeContext = { db, gitDir: (repo) => repos.gitDir(repo), frameworks: DEFAULT_FRAMEWORKS, trustedKeys: () => issuers.trustedKeys() };
  const indexLock = openProcessLock(db, config.databaseUrl, "index");
  const readChanges = new ReadChanges();
  const results = new ResultsIndexer(indexContext, log, indexLock, readChanges);
  refEvents.subscribe(async ({ repo }) => void (await results.indexRepo(repo)));
  pullRequestEvents.subscribe(async ({ repo }) => void (await results.indexRepo(repo)));
  repos.onCreated(async (repo) => void (await results.indexRepo(repo)));
  repos.onDeleted(async (repo) => void (await results.forget(repo)));
  repos.onVisibilityChanged(async (repo) => void (await results.visibilityChanged(repo)));
  const webhookBox = await SecretBox.open(config.dataDir);
  const webhookWorker = new WebhookWorker(db, new EventFeed(db, policy), webhookBox, config.webhooks, log);
  // After the index handled the change (subscribed above): routes pull request events, and wakes the worker for results.
  pullRequestEvents.subscribe(async (change) => {
    await enqueuePullRequestEvent(db, policy, change);
    webhookWorker.poke();
  });
  refEvents.subscribe(() => webhookWorker.poke());
  return { config, db, dialect, log, accounts, policy, repos, refEvents, pullRequestEvents, results, readChanges, indexContext, moderation: new Moderation(db, policy), benchmarks: new Benchmarks(db, policy), issuers, sessions: new Sessions(db, accounts), webhooks: new Webhooks(db, accounts, repos, policy, webhookBox, config.webhooks.allowedAddresses), webhookWorker, close: async () => {
    indexLock.close();
    await db.destroy();
  } };
}

/**
 * On an empty hub, creates the site admin and returns its new token (printed once by the caller).
 * With EVALHUB_ADMIN_TOKEN set, that token is the admin's instead, for automation.
 */
export async function bootstrapAdmin(hub: Hub): Promise<{ name: string; token: string } | null> {
  if ((await hub.accounts.countUsers()) > 0) return null;
  let admin: Account;
  try {
    admin = await hub.accounts.createUser({ name: "admin", admin: true, fullname: "Site admin" });
  } catch (err) {
    // Another process on the same database (a second instance starting at the same moment) made it first.
    if (isUniqueViolation(err) || (err instanceof HubError && err.code === "NameTaken")) return null;
    throw err;
  }
  const issued = await hub.accounts.issueToken(admin.id, { name: "bootstrap", role: "write", token: hub.config.adminToken });
  return { name: admin.name, token: issued.token };
}
