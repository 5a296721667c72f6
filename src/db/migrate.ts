import { Migrator } from "kysely";
import type { Kysely, Migration, MigrationProvider } from "kysely";
import type { DialectName } from "./dialect.ts";
import { migrations } from "./migrations/index.ts";
import type { Database } from "./schema.ts";

class InCodeMigrationProvider implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}

  getMigrations(): Promise<Record<string, Migration>> {
    const bound: Record<string, Migration> = {};
    for (const [name, migration] of Object.entries(migrations)) {
      bound[name] = {
        up: (db) => migration.up(db, this.dialect),
        down: (db) => migration.down(db, this.dialect),
      };
    }
    return Promise.resolve(bound);
  }
}

/** Applies every pending migration; returns the names applied now (empty when already up to date). */
export async function migrateToLatest(db: Kysely<Database>, dialect: DialectName): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new InCodeMigrationProvider(dialect) });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((result) => result.status === "Error");
  if (error !== undefined) {
    const where = failed === undefined ? "" : ` (migration ${failed.migrationName})`;
    throw new Error(`database migration failed${where}`, { cause: error });
  }
  return results.map((result) => result.migrationName);
}
