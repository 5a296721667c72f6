import type SqliteDatabase from "better-sqlite3";
import type { SqliteDatabase as KyselySqliteDatabase } from "kysely";

/** Distinct SQL texts kept prepared (queries with `IN (?, ?, …)` lists make many). */
const MAX_STATEMENTS = 500;

/**
 * The better-sqlite3 database as Kysely sees it, with prepared statements reused by SQL text: Kysely prepares
 * every query anew, and preparing costs as much as running a small query (measured on the read path). A
 * statement still being iterated (a streamed query) is busy, so a second one is prepared for that case.
 */
export function withStatementCache(database: SqliteDatabase.Database, onClose: () => void = () => undefined): KyselySqliteDatabase {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => {
      onClose();
      database.close();
    },
    prepare(sql: string) {
      const kept = statements.get(sql);
      if (kept !== undefined && !kept.busy) {
        statements.delete(sql);
        statements.set(sql, kept);
        return kept;
      }
      const statement = database.prepare(sql);
      if (kept === undefined) {
        statements.set(sql, statement);
        if (statements.size > MAX_STATEMENTS) statements.delete(statements.keys().next().value as string);
      }
      return statement;
    },
  };
}
