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
