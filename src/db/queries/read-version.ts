import type { Kysely } from "kysely";
import type { Database } from "../schema.ts";

/** Reads the committed version without the database's query queue (see `useVersionReader`). */
type VersionReader = () => number | undefined;
const readers = new WeakMap<Kysely<Database>, VersionReader>();

/**
 * The counter every write that a cached read depends on moves forward (migration 0010_read_version). Only
 * committed versions are seen: an answer cached under a version is never older than that version's data.
 */
export async function readVersion(db: Kysely<Database>): Promise<number> {
  const direct = readers.get(db)?.();
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
