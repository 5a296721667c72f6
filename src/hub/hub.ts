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
import { RefEvents } from "./ref-events.ts";
import { Repos } from "./repos.ts";

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
  close(): Promise<void>;
}

export async function openHub(config: Config, log: Logger): Promise<Hub> {
  await mkdir(config.dataDir, { recursive: true });
  const { db, dialect } = openDatabase(config.databaseUrl, { onPoolError: (error) => log.warn({ err: error }, "database pool error") });
  await migrateToLatest(db, dialect);
  const accounts = new Accounts(db);
  const policy = new Policy(accounts);
  const repos = new Repos(db, accounts, policy, config.dataDir);
  return { config, db, dialect, log, accounts, policy, repos, refEvents: new RefEvents(), close: () => db.destroy() };
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
