import SqliteDatabase from "better-sqlite3";
import { sql, type Kysely } from "kysely";
import { setTimeout as sleep } from "node:timers/promises";
import { parseDatabaseUrl } from "./dialect.ts";
import type { Database } from "./schema.ts";

/**
 * A lock shared by every process on one database (servers behind a load balancer, a CLI next to a server),
 * released by the operating system or the database when its holder dies, so a SIGKILL never leaves it held.
 */
export interface ProcessLock {
  /** Runs `job` while holding the lock; callers in one process must not nest calls. */
  run<T>(job: () => Promise<T>): Promise<T>;
  close(): void;
}

/** PostgreSQL advisory lock keys ("evlhx", "evlhm" as numbers). */
const LOCK_KEYS = { index: 0x65766c6878n, migrate: 0x65766c686dn } as const;
const MAX_WAIT_STEP_MS = 50;

/** The lock of one kind of work (`index`: the results index; `migrate`: schema migrations) for the database at `url`. */
export function openProcessLock(db: Kysely<Database>, url: string, purpose: keyof typeof LOCK_KEYS): ProcessLock {
  const location = parseDatabaseUrl(url);
  if (location.dialect === "postgres") return postgresAdvisoryLock(db, LOCK_KEYS[purpose]);
  if (location.path === ":memory:") return { run: (job) => job(), close: () => undefined };
  return sqliteFileLock(`${location.path}.${purpose}-lock`);
}

/** A session advisory lock on one reserved pool connection; the job's own queries use other connections. */
function postgresAdvisoryLock(db: Kysely<Database>, key: bigint): ProcessLock {
  return {
    run: (job) =>
      db.connection().execute(async (conn) => {
        await sql`select pg_advisory_lock(${key.toString()}::bigint)`.execute(conn);
        try {
          return await job();
        } finally {
          await sql`select pg_advisory_unlock(${key.toString()}::bigint)`.execute(conn);
        }
      }),
    close: () => undefined,
  };
}

/**
 * A write transaction on a small SQLite file of its own (SQLite's locks are the file system's, dropped when the
 * process dies). better-sqlite3 waits synchronously, so the wait is a poll with no busy timeout, never blocking
 * the event loop.
 */
function sqliteFileLock(path: string): ProcessLock {
  let handle: SqliteDatabase.Database | undefined;
  const open = () => {
    if (!handle) {
      handle = new SqliteDatabase(path);
      handle.pragma("busy_timeout = 0");
    }
    return handle;
  };
  return {
    run: async (job) => {
      const lockDb = open();
      for (let waitMs = 2; ; waitMs = Math.min(waitMs * 2, MAX_WAIT_STEP_MS)) {
        try {
          lockDb.exec("BEGIN IMMEDIATE");
          break;
        } catch (err) {
          if ((err as { code?: string }).code !== "SQLITE_BUSY") throw err;
          await sleep(waitMs);
        }
      }
      try {
        return await job();
      } finally {
        lockDb.exec("ROLLBACK");
      }
    },
    close: () => {
      handle?.close();
      handle = undefined;
    },
  };
}
