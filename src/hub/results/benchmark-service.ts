import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { Actor, Policy } from "../policy.ts";
import type { Repo } from "../repos.ts";
import type { StoredBenchmark } from "./benchmark-definition.ts";
import { benchmarkOfRepo } from "./benchmarks.ts";

export interface BenchmarkStatus extends StoredBenchmark {
  official: boolean;
}

/** Benchmarks as people see them: their eval.yaml state, and the official flag site admins set. */
export class Benchmarks {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly policy: Policy,
  ) {}

  async status(repo: Repo): Promise<BenchmarkStatus> {
    const benchmark = await benchmarkOfRepo(this.db, repo);
    const flag = await this.db.selectFrom("benchmark_flags").select("official").where("repo_id", "=", repo.id).executeTakeFirst();
    return { ...benchmark, official: flag?.official === 1 };
  }

  /** Every benchmark with its official flag, for the site admin pages (site admins only: private ones included). */
  async listForAdmin(actor: Actor): Promise<{ id: string; private: boolean; valid: boolean; official: boolean }[]> {
    this.policy.assertSiteAdmin(actor);
    const rows = await this.db
      .selectFrom("benchmarks")
      .innerJoin("repos", "repos.id", "benchmarks.repo_id")
      .leftJoin("benchmark_flags", "benchmark_flags.repo_id", "benchmarks.repo_id")
      .select(["repos.namespace", "repos.name", "repos.private", "benchmarks.valid", "benchmark_flags.official"])
      .orderBy("benchmarks.dataset_key")
      .limit(5000)
      .execute();
    return rows.map((r) => ({ id: `${r.namespace}/${r.name}`, private: r.private === 1, valid: r.valid === 1, official: r.official === 1 }));
  }

  /** Site admins only; the dataset must be a benchmark (its main has an eval.yaml). */
  async setOfficial(actor: Actor, repo: Repo, official: boolean): Promise<void> {
    this.policy.assertSiteAdmin(actor);
    await benchmarkOfRepo(this.db, repo);
    const values = { repo_id: repo.id, official: official ? 1 : 0, set_by: actor.user?.id ?? null, set_at: new Date().toISOString() };
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom("benchmark_flags").where("repo_id", "=", repo.id).execute();
      await tx.insertInto("benchmark_flags").values(values).execute();
    });
  }
}
