import { sql } from "kysely";
import type { DialectMigration } from "./migration.ts";

/**
 * The `repos` columns a cached read can depend on: every column but `updated_at`. Stamping a repository's
 * modification time (each commit, push and merge does) no longer moves the read version: no cached answer shows
 * that time, and each move made every cached answer in every process compute again, a second time per write.
 * `test/db/read-version.test.ts` checks this list against the table, so a new column cannot be left out.
 */
export const REPO_COLUMNS_READS_USE = ["id", "kind", "owner_id", "namespace", "name", "repo_key", "private", "created_at"] as const;

const columns = () => sql.join(REPO_COLUMNS_READS_USE.map((c) => sql.id(c)));

export const repoTouchKeepsVersion: DialectMigration = {
  async up(db, dialect) {
    if (dialect === "postgres") {
      await sql`drop trigger read_version_repos on repos`.execute(db);
      await sql`create trigger read_version_repos after insert or delete or truncate on repos
        for each statement execute function bump_read_version()`.execute(db);
      await sql`create trigger read_version_repos_update after update of ${columns()} on repos
        for each statement execute function bump_read_version()`.execute(db);
      return;
    }
    await sql`drop trigger read_version_repos_update`.execute(db);
    await sql`create trigger read_version_repos_update after update of ${columns()} on repos
      begin update read_version set version = version + 1 where id = 1; end`.execute(db);
  },
  async down(db, dialect) {
    if (dialect === "postgres") {
      await sql`drop trigger read_version_repos_update on repos`.execute(db);
      await sql`drop trigger read_version_repos on repos`.execute(db);
      await sql`create trigger read_version_repos after insert or update or delete or truncate on repos
        for each statement execute function bump_read_version()`.execute(db);
      return;
    }
    await sql`drop trigger read_version_repos_update`.execute(db);
    await sql`create trigger read_version_repos_update after update on repos
      begin update read_version set version = version + 1 where id = 1; end`.execute(db);
  },
};
