import SqliteDatabase from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent } from "kysely";
import pg from "pg";
import { parseDatabaseUrl } from "./dialect.ts";
import type { DialectName } from "./dialect.ts";
import type { Database } from "./schema.ts";
import { useVersionReader } from "./queries/read-version.ts";
import { withStatementCache } from "./sqlite-statements.ts";
import { threadedVersionReader } from "./threaded-version-reader.ts";

export interface OpenDatabase {
  db: Kysely<Database>;
  dialect: DialectName;
}

export interface OpenDatabaseOptions {
  /** Errors of idle PostgreSQL connections (server restart, database dropped); pg drops the broken client itself. */
  onPoolError?: (error: Error) => void;
  /** Called for each query that took at least `slowQueryMs` (with its SQL, not its parameters). */
  onSlowQuery?: (sql: string, ms: number) => void;
  slowQueryMs?: number;
}

const sqliteBusyTimeoutMs = 5_000;

/** Opens a database from a URL (see parseDatabaseUrl). The caller closes it with `db.destroy()`. */
export function openDatabase(url: string, options: OpenDatabaseOptions = {}): OpenDatabase {
  const location = parseDatabaseUrl(url);
  if (location.dialect === "postgres") {
    return { db: openPostgres(location.connectionString, options), dialect: "postgres" };
  }
  return { db: openSqlite(location.path, options), dialect: "sqlite" };
}

function slowQueryLog(options: OpenDatabaseOptions): { log?: (event: LogEvent) => void } {
  const { onSlowQuery, slowQueryMs } = options;
  if (onSlowQuery === undefined || !slowQueryMs) return {};
  return {
    log: (event) => {
      if (event.level === "query" && event.queryDurationMillis >= slowQueryMs) onSlowQuery(event.query.sql, Math.round(event.queryDurationMillis));
    },
  };
}

function openSqlite(path: string, options: OpenDatabaseOptions): Kysely<Database> {
  const database = new SqliteDatabase(path);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  database.pragma("foreign_keys = ON");
  database.pragma(`busy_timeout = ${sqliteBusyTimeoutMs}`);
  const versions = path === ":memory:" ? null : committedVersionReader(path);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database, () => versions?.close()) }), ...slowQueryLog(options) });
  if (versions !== null) useVersionReader(db, versions.read);
  return db;
}

/**
 * The read version from a read-only connection of its own (see `useVersionReader`); undefined until the
 * migrations have made its table, or when the read fails, so that the caller asks through Kysely instead.
 */
function committedVersionReader(path: string): { read: () => number | undefined; close: () => void } {
  const connection = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
  // Never wait here (better-sqlite3 waits synchronously): a busy moment falls back to the query.
  connection.pragma("busy_timeout = 0");
  let statement: SqliteDatabase.Statement<[], { version: number }> | undefined;
  return {
    read: () => {
      try {
        statement ??= connection.prepare<[], { version: number }>("select version from read_version where id = 1");
        const row = statement.get();
        return row === undefined ? undefined : Number(row.version);
      } catch {
        return undefined;
      }
    },
    close: () => connection.close(),
  };
}

function openPostgres(connectionString: string, options: OpenDatabaseOptions): Kysely<Database> {
  const pool = new pg.Pool({ connectionString, types: numericInt8Types() });
  pool.on("error", (error) => options.onPoolError?.(error));
  const versions = threadedVersionReader(connectionString);
  // Kysely ends the pool on `destroy()`; the version reader's connection ends with it.
  const endPool = pool.end.bind(pool) as () => Promise<void>;
  pool.end = (async () => {
    await versions.close();
    await endPool();
  }) as typeof pool.end;
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...slowQueryLog(options) });
  useVersionReader(db, versions.read);
  return db;
}

// pg returns int8 (bigint ids, COUNT(*)) as strings while SQLite returns numbers; our ids and
// counts stay far below 2^53, so parse them as numbers to keep both dialects alike.
function numericInt8Types(): pg.CustomTypesConfig {
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, (text: string) => Number(text));
  return types;
}
