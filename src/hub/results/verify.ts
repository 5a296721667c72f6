import { setTimeout as sleep } from "node:timers/promises";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { Repo } from "../repos.ts";
import { allReposDatasetsFirst, repoPath } from "./all-repos.ts";
import { compareRepoIndex } from "./compare-index.ts";
import { computeRepo, type ComputeContext } from "./compute.ts";
import type { DerivedTable, IndexDifference } from "./index-difference.ts";
import { readIndexedRepo } from "./read-indexed-repo.ts";

export interface VerifyOptions {
  /**
   * Pauses (ms) before the repositories that differed are checked again. A server on the same data may be
   * between moving a ref and indexing it; such a difference goes away, a real one stays.
   */
  settleMs?: readonly number[];
  onProgress?: (done: number, total: number) => void;
}

const DEFAULT_SETTLE_MS = [250, 1000];

/**
 * Recomputes the derived tables of every repository from git and lists where the live tables differ. Reads only.
 * Results are classified against the live `benchmarks` table, which is checked first (datasets come first).
 */
export async function verifyIndex(ctx: ComputeContext, options: VerifyOptions = {}): Promise<IndexDifference[]> {
  const repos = await allReposDatasetsFirst(ctx.db);
  let differing: { repo: Repo; differences: IndexDifference[] }[] = [];
  let done = 0;
  for (const repo of repos) {
    const differences = await verifyRepo(ctx, repo);
    if (differences.length > 0) differing.push({ repo, differences });
    options.onProgress?.(++done, repos.length);
  }
  for (const pause of options.settleMs ?? DEFAULT_SETTLE_MS) {
    if (differing.length === 0) break;
    await sleep(pause);
    const again: typeof differing = [];
    for (const { repo } of differing) {
      const differences = await verifyRepo(ctx, repo);
      if (differences.length > 0) again.push({ repo, differences });
    }
    differing = again;
  }
  return [...differing.flatMap((d) => d.differences), ...(await rowsOfDeletedRepos(ctx.db))];
}

async function verifyRepo(ctx: ComputeContext, repo: Repo): Promise<IndexDifference[]> {
  try {
    const actual = await readIndexedRepo(ctx.db, repo.id);
    return compareRepoIndex(repoPath(repo), await computeRepo(ctx, repo), actual);
  } catch (err) {
    const stillThere = await ctx.db.selectFrom("repos").select("id").where("id", "=", repo.id).executeTakeFirst();
    if (!stillThere) return [];
    throw err;
  }
}

/** Rows whose repository is gone (foreign keys normally delete them with it). */
async function rowsOfDeletedRepos(db: Kysely<Database>): Promise<IndexDifference[]> {
  const differences: IndexDifference[] = [];
  for (const table of ["index_refs", "results", "model_meta", "benchmarks"] as const satisfies readonly DerivedTable[]) {
    const orphans = await db
      .selectFrom(table)
      .select((eb) => ["repo_id", eb.fn.countAll<number>().as("rows")])
      .where("repo_id", "not in", (eb) => eb.selectFrom("repos").select("id"))
      .groupBy("repo_id")
      .execute();
    for (const { repo_id, rows } of orphans) {
      differences.push({ repo: `repository #${repo_id}`, table, key: "(deleted repository)", expected: null, actual: `${Number(rows)} rows` });
    }
  }
  return differences;
}
