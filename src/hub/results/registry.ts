import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { BenchmarkRegistry, RegisteredBenchmark } from "../../formats/classify.ts";
import { invalidReason, parseDefinition } from "./benchmark-definition.ts";

/**
 * The benchmarks the given dataset ids point at, as the formats layer's registry. All benchmark ids are
 * loaded too (ids only) when some id is unknown, so "did you mean" can suggest one.
 */
export async function registryFor(db: Kysely<Database>, datasetIds: Iterable<string>): Promise<BenchmarkRegistry> {
  const keys = [...new Set([...datasetIds].map((id) => id.toLowerCase()))];
  const rows = keys.length === 0 ? [] : await db
    .selectFrom("benchmarks")
    .innerJoin("repos", "repos.id", "benchmarks.repo_id")
    .select(["benchmarks.dataset_key", "benchmarks.problems", "benchmarks.definition", "repos.namespace", "repos.name"])
    .where("benchmarks.dataset_key", "in", keys)
    .execute();
  const known = new Map<string, RegisteredBenchmark>();
  for (const row of rows) {
    const definition = parseDefinition(row.definition);
    known.set(row.dataset_key, {
      id: `${row.namespace}/${row.name}`,
      taskIds: definition ? definition.tasks.map((t) => t.id) : null,
      invalidReason: definition ? undefined : invalidReason(JSON.parse(row.problems)),
    });
  }
  const allIds = keys.some((k) => !known.has(k))
    ? (await db.selectFrom("benchmarks").innerJoin("repos", "repos.id", "benchmarks.repo_id").select(["repos.namespace", "repos.name"]).execute()).map((r) => `${r.namespace}/${r.name}`)
    : [...known.values()].map((b) => b.id);
  return { get: (id) => known.get(id.toLowerCase()), ids: () => allIds };
}
