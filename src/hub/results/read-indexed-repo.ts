import type { Kysely, Selectable } from "kysely";
import type { BenchmarksTable, ModelMetaTable, ResultsTable } from "../../db/schema-results.ts";
import type { Database } from "../../db/schema.ts";

/** What the derived tables hold now for one repository. */
export interface IndexedRepo {
  refs: { ref: string; commit: string }[];
  results: Selectable<ResultsTable>[];
  meta: Selectable<ModelMetaTable> | null;
  benchmark: Selectable<BenchmarksTable> | null;
}

/** Reads one repository's rows in a single read-only snapshot, so a concurrent index job is seen whole or not at all. */
export function readIndexedRepo(db: Kysely<Database>, repoId: number): Promise<IndexedRepo> {
  return db
    .transaction()
    .setIsolationLevel("repeatable read")
    .setAccessMode("read only")
    .execute(async (tx) => ({
      refs: await tx.selectFrom("index_refs").select(["ref", "commit"]).where("repo_id", "=", repoId).execute(),
      results: await tx.selectFrom("results").selectAll().where("repo_id", "=", repoId).execute(),
      meta: (await tx.selectFrom("model_meta").selectAll().where("repo_id", "=", repoId).executeTakeFirst()) ?? null,
      benchmark: (await tx.selectFrom("benchmarks").selectAll().where("repo_id", "=", repoId).executeTakeFirst()) ?? null,
    }));
}
