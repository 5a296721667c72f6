import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { allReposDatasetsFirst, repoPath } from "./all-repos.ts";
import type { ResultsIndexer } from "./indexer.ts";

export interface RebuildSummary {
  repositories: number;
  datasets: number;
  models: number;
  /** Rows in the index afterwards. */
  refs: number;
  results: number;
  benchmarks: number;
  failed: { repo: string; error: string }[];
}

/**
 * Recomputes every repository's index from git, whatever `index_refs` says. Safe beside a running server: it may
 * index a newer head while this pass writes an older one, so a second pass then catches up with what moved.
 */
export async function rebuildIndex(
  deps: { db: Kysely<Database>; results: ResultsIndexer },
  options: { onProgress?: (done: number, total: number) => void } = {},
): Promise<RebuildSummary> {
  await deleteRowsOfUnindexedRefs(deps.db);
  const repos = await allReposDatasetsFirst(deps.db);
  const { failed } = await deps.results.indexAll(repos, { force: true, onProgress: options.onProgress });
  await deps.results.indexAll(await allReposDatasetsFirst(deps.db));
  const count = async (table: "index_refs" | "results" | "benchmarks") =>
    Number((await deps.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
  return {
    repositories: repos.length,
    datasets: repos.filter((r) => r.kind === "dataset").length,
    models: repos.filter((r) => r.kind !== "dataset").length,
    refs: await count("index_refs"),
    results: await count("results"),
    benchmarks: await count("benchmarks"),
    failed: failed.map(({ repo, error }) => ({ repo: repoPath(repo), error: error instanceof Error ? error.message : String(error) })),
  };
}

/**
 * The indexer replaces the rows of the refs `index_refs` lists; rows of a ref it does not list (a hand edit, a bug)
 * would outlive a rebuild. The indexer writes both in one transaction, so such rows are never work in progress.
 */
async function deleteRowsOfUnindexedRefs(db: Kysely<Database>): Promise<void> {
  await db
    .deleteFrom("results")
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("index_refs").select("index_refs.ref").whereRef("index_refs.repo_id", "=", "results.repo_id").whereRef("index_refs.ref", "=", "results.ref"))),
    )
    .execute();
}
