import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import type { Account, Accounts } from "./accounts.ts";
import { hashToken } from "./secrets.ts";

/** How long a browser stays signed in. */
export const SESSION_DAYS = 30;
const DAY_MS = 86_400_000;
/** Expired rows are swept at most this often, by whoever signs in next. */
const SWEEP_INTERVAL_MS = 3_600_000;

export interface Session {
  user: Account;
  expiresAt: string;
}

/**
 * Browser sessions. The id lives only in the cookie; the table keeps its SHA-256, so reading the database
 * does not let anyone sign in. Signing out deletes the row.
 */
export class Sessions {
  private lastSweep = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly accounts: Accounts,
  ) {}

  /** Starts a session for the user and returns the secret id for the cookie. */
  async create(userId: number, now = new Date()): Promise<{ id: string; expiresAt: string }> {
    await this.sweepExpired(now);
    const id = randomBytes(32).toString("base64url");
    const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY_MS).toISOString();
    await this.db.insertInto("web_sessions").values({ id_hash: hashToken(id), user_id: userId, created_at: now.toISOString(), expires_at: expiresAt }).execute();
    return { id, expiresAt };
  }

  /** The session's user, or undefined for an unknown, expired or malformed id. */
  async resolve(id: string, now = new Date()): Promise<Session | undefined> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(id)) return undefined;
    const row = await this.db.selectFrom("web_sessions").select(["user_id", "expires_at"]).where("id_hash", "=", hashToken(id)).executeTakeFirst();
    if (!row || row.expires_at <= now.toISOString()) return undefined;
    const user = await this.accounts.byId(row.user_id);
    return user && user.kind === "user" ? { user, expiresAt: row.expires_at } : undefined;
  }

  async destroy(id: string): Promise<void> {
    await this.db.deleteFrom("web_sessions").where("id_hash", "=", hashToken(id)).execute();
  }

  /** Signs a user out everywhere (after a password change). */
  async destroyAllOf(userId: number): Promise<void> {
    await this.db.deleteFrom("web_sessions").where("user_id", "=", userId).execute();
  }

  private async sweepExpired(now: Date): Promise<void> {
    if (now.getTime() - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = now.getTime();
    await this.db.deleteFrom("web_sessions").where("expires_at", "<=", now.toISOString()).execute();
  }
}
