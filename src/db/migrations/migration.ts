import type { Kysely } from "kysely";
import type { DialectName } from "../dialect.ts";

// A migration must keep working after later migrations change the schema, so it sees an
// untyped database rather than today's `Database` interface.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type MigrationDb = Kysely<any>;

/** One schema step, written once with Kysely's schema builder; `dialect` is for the rare genuine difference. */
export interface DialectMigration {
  up(db: MigrationDb, dialect: DialectName): Promise<void>;
  down(db: MigrationDb, dialect: DialectName): Promise<void>;
}
