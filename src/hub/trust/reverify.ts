import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { ResultsIndexer } from "../results/indexer.ts";

/**
 * After the trusted issuers changed: re-indexes every repository with an entry carrying a verifyToken (through the
 * indexer's one-at-a-time queue), so `verified` reflects the new trust before the change is reported done.
 */
export async function reverifySigned(db: Kysely<Database>, results: ResultsIndexer): Promise<number> {
  const repos = await db
    .selectFrom("repos")
    .selectAll()
    .where("id", "in", db.selectFrom("results").select("repo_id").where("raw", "like", '%"verifyToken":%'))
    .orderBy("id")
    .execute();
  for (const repo of repos) await results.indexRepo(repo, { force: true });
  return repos.length;
}
