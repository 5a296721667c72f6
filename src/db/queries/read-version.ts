import type { Kysely } from "kysely";
import type { Database } from "../schema.ts";

/** The counter every write that a cached read depends on moves forward (migration 0010_read_version). */
export async function readVersion(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom("read_version").select("version").where("id", "=", 1).executeTakeFirst();
  return Number(row?.version ?? 0);
}
