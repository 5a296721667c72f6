import { meta } from "./0001_meta.ts";
import { accountsRepos } from "./0002_accounts_repos.ts";
import { discussions } from "./0003_discussions.ts";
import type { DialectMigration } from "./migration.ts";

// Append new migrations here, one file each; names sort in the order they must run.
export const migrations: Readonly<Record<string, DialectMigration>> = {
  "0001_meta": meta,
  "0002_accounts_repos": accountsRepos,
  "0003_discussions": discussions,
};
