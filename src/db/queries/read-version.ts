import type { Kysely, Transaction } from "kysely";
import type { Database } from "../schema.ts";

/** Reads the committed version without the database's query queue (see `useVersionReader`). */
type VersionReader = () => number | undefined | Promise<number | undefined>;
const readers = new WeakMap<Kysely<Database>, VersionReader>();

/**
 * The counter every write that a cached read depends on moves forward (migration 0010_read_version). Only
 * committed versions are seen: an answer cached under a version is never older than that version's data.
 */
export async function readVersion(db: Kysely<Database>): Promise<number> {
  const direct = await readers.get(db)?.();
  if (direct !== undefined) return direct;
  const row = await db.selectFrom("read_version").select("version").where("id", "=", 1).executeTakeFirst();
  return Number(row?.version ?? 0);
}

/**
 * Lets `readVersion` ask `reader` first (undefined: ask the database as usual). SQLite gives it a read-only
 * connection of its own: through Kysely, the version read of every request waited behind any write transaction
 * on the one connection, and cost a compiled query; on its own connection it is one prepared statement and sees
 * exactly what was committed (WAL readers never wait for the writer).
 */
export function useVersionReader(db: Kysely<Database>, reader: VersionReader): void {
  readers.set(db, reader);
}

/**
 * Moves the version first thing in a write transaction and answers the version before it. From then until the
 * commit the transaction holds the version's row (PostgreSQL's row lock; SQLite's one writer), so every version
 * up to the one `versionInTransaction` reads at its end is this transaction's alone.
 */
export async function claimReadVersion(tx: Transaction<Database>): Promise<number> {
  await tx.updateTable("read_version").set((eb) => ({ version: eb("version", "+", 1) })).where("id", "=", 1).execute();
  return (await versionInTransaction(tx)) - 1;
}

/** The version as the transaction sees it (its own moves included). */
export async function versionInTransaction(tx: Transaction<Database>): Promise<number> {
  const row = await tx.selectFrom("read_version").select("version").where("id", "=", 1).executeTakeFirstOrThrow();
  return Number(row.version);
}
