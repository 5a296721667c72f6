import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { refStamp } from "../../git/ref-stamp.ts";
import type { Repo } from "../repos.ts";
import { allReposDatasetsFirst, repoPath } from "./all-repos.ts";
import type { ComputeContext } from "./compute.ts";
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
 * index a newer head while this pass writes an older one, so a second pass then catches up with what moved. That
 * pass reads the refs of only the repositories where something may have moved: new ones, ones whose ref storage
 * changed since before the first pass (`refStamp`), whose pull requests changed, or that failed.
 */
export async function rebuildIndex(
  deps: { db: Kysely<Database>; results: Pick<ResultsIndexer, "indexAll">; indexContext: Pick<ComputeContext, "gitDir"> },
  options: { onProgress?: (done: number, total: number) => void } = {},
): Promise<RebuildSummary> {
  await deleteRowsOfUnindexedRefs(deps.db);
  // A minute early, for servers whose clocks run a little behind this one.
  const started = new Date(Date.now() - 60_000).toISOString();
  const repos = await allReposDatasetsFirst(deps.db);
  const stamps = new Map<number, string | null>();
  for (const repo of repos) stamps.set(repo.id, await refStamp(deps.indexContext.gitDir(repo)));
  const { failed } = await deps.results.indexAll(repos, { force: true, onProgress: options.onProgress });
  const retry = new Set([...failed.map((f) => f.repo.id), ...(await reposWithDiscussionsChangedSince(deps.db, started))]);
  const again: Repo[] = [];
  for (const repo of await allReposDatasetsFirst(deps.db)) {
    const before = stamps.get(repo.id) ?? null;
    if (retry.has(repo.id) || before === null || before !== (await refStamp(deps.indexContext.gitDir(repo)))) again.push(repo);
  }
  await deps.results.indexAll(again);
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

async function reposWithDiscussionsChangedSince(db: Kysely<Database>, since: string): Promise<number[]> {
  const rows = await db.selectFrom("discussions").select("repo_id").distinct().where("updated_at", ">=", since).execute();
  return rows.map((r) => r.repo_id);
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
