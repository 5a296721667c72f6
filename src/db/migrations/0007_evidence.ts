import type { DialectMigration } from "./migration.ts";

const COLUMNS = [
  ["setup", "text"],
  ["evidence_path", "text"],
  ["evidence_status", "text"],
  ["evidence_detail", "text"],
  ["evidence_sha256", "text"],
  ["evidence_stderr", "double precision"],
  ["evidence_samples", "integer"],
] as const;

/** Structured setup and checked evidence on each indexed result (derived from git; see src/hub/trust/). */
export const evidence: DialectMigration = {
  async up(db) {
    // One column per statement: SQLite adds a single column per ALTER TABLE.
    for (const [name, type] of COLUMNS) await db.schema.alterTable("results").addColumn(name, type).execute();
  },
  async down(db) {
    for (const [name] of [...COLUMNS].reverse()) await db.schema.alterTable("results").dropColumn(name).execute();
  },
};
