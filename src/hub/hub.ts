import { mkdir } from "node:fs/promises";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import { openDatabase } from "../db/connect.ts";
import type { DialectName } from "../db/dialect.ts";
import { migrateToLatest } from "../db/migrate.ts";
import type { Database } from "../db/schema.ts";
import { Accounts } from "./accounts.ts";
import { Policy } from "./policy.ts";
import { PullRequestEvents } from "./pull-request-events.ts";
import { RefEvents } from "./ref-events.ts";
import { Repos } from "./repos.ts";
import { DEFAULT_FRAMEWORKS } from "../formats/frameworks.ts";
import type { ComputeContext } from "./results/compute.ts";
import { ResultsIndexer } from "./results/indexer.ts";
import { Moderation } from "./results/moderation.ts";
import { Benchmarks } from "./results/benchmark-service.ts";
import { Issuers } from "./trust/issuers.ts";
import { reverifySigned } from "./trust/reverify.ts";
import { loadHubSigningKey } from "./trust/signing-key.ts";

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
  /** What the results index is computed from (database, git folders, known frameworks): `verifyIndex` recomputes it. */
  indexContext: ComputeContext;
  moderation: Moderation;
  benchmarks: Benchmarks;
  /** Who may sign results: the hub's own key and the evaluators site admins trust. */
  issuers: Issuers;
  close(): Promise<void>;
}

export async function openHub(config: Config, log: Logger): Promise<Hub> {
  await mkdir(config.dataDir, { recursive: true });
  const { db, dialect } = openDatabase(config.databaseUrl, { onPoolError: (error) => log.warn({ err: error }, "database pool error") });
  await migrateToLatest(db, dialect);
  const accounts = new Accounts(db);
  const policy = new Policy(accounts);
  const repos = new Repos(db, accounts, policy, config.dataDir);
  const refEvents = new RefEvents();
  const pullRequestEvents = new PullRequestEvents();
  const issuers = new Issuers(db, policy, await loadHubSigningKey(config.dataDir, config.issuer), () => reverifySigned(db, results));
  const indexContext: ComputeContext = { db, gitDir: (repo) => repos.gitDir(repo), frameworks: DEFAULT_FRAMEWORKS, trustedKeys: () => issuers.trustedKeys() };
  const results = new ResultsIndexer(indexContext, log);
  refEvents.subscribe(async ({ repo }) => void (await results.indexRepo(repo)));
  pullRequestEvents.subscribe(async ({ repo }) => void (await results.indexRepo(repo)));
  repos.onCreated(async (repo) => void (await results.indexRepo(repo)));
  repos.onDeleted(async (repo) => void (await results.forget(repo)));
  return { config, db, dialect, log, accounts, policy, repos, refEvents, pullRequestEvents, results, indexContext, moderation: new Moderation(db, policy), benchmarks: new Benchmarks(db, policy), issuers, close: () => db.destroy() };
}

/**
 * On an empty hub, creates the site admin and returns its new token (printed once by the caller).
 * With EVALHUB_ADMIN_TOKEN set, that token is the admin's instead, for automation.
 */
export async function bootstrapAdmin(hub: Hub): Promise<{ name: string; token: string } | null> {
  if ((await hub.accounts.countUsers()) > 0) return null;
  const admin = await hub.accounts.createUser({ name: "admin", admin: true, fullname: "Site admin" });
  const issued = await hub.accounts.issueToken(admin.id, { name: "bootstrap", role: "write", token: hub.config.adminToken });
  return { name: admin.name, token: issued.token };
}
