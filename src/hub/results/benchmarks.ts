import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { BenchmarkTask } from "../../formats/eval-yaml.ts";
import { notFound } from "../errors.ts";
import type { Repo } from "../repos.ts";
import type { StoredBenchmark } from "./benchmark-definition.ts";
import { deserialiseBenchmark } from "./stored-benchmark.ts";

/** The benchmark a dataset repository defines; 404 `NotABenchmark` when its main has no eval.yaml. */
export async function benchmarkOfRepo(db: Kysely<Database>, repo: Repo): Promise<StoredBenchmark> {
  const row = repo.kind === "dataset" ? await db.selectFrom("benchmarks").selectAll().where("repo_id", "=", repo.id).executeTakeFirst() : undefined;
  if (!row) throw notFound("NotABenchmark", `${repo.namespace}/${repo.name} is not a benchmark: its main branch has no eval.yaml`);
  return deserialiseBenchmark(row);
}

/** Whether lower values rank higher on this task (our `lower_is_better` task field; false by default). */
export function taskDirection(task: BenchmarkTask): boolean {
  return task.fields["lower_is_better"] === true;
}
