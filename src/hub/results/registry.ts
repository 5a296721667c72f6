import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { BenchmarkRegistry, RegisteredBenchmark } from "../../formats/classify.ts";
import { invalidReason, parseDefinition } from "./benchmark-definition.ts";

/** What decides which benchmarks a model's results are classified against: who owns it, and whether it is private. */
export interface ModelStanding {
  owner_id: number;
  private: number;
}

/**
 * Whether a benchmark may count for a model's results: a public one always, a private one only for a private model
 * of the same owner. Classification and the evidence check (a task's metric) both ask this.
 */
export function benchmarkCountsFor(model: ModelStanding, benchmark: { ownerId: number; private: boolean }): boolean {
  return !benchmark.private || (model.private === 1 && model.owner_id === benchmark.ownerId);
}

interface CatalogEntry {
  benchmark: RegisteredBenchmark;
  ownerId: number;
  private: boolean;
}

/**
 * The benchmarks some dataset ids point at. A private benchmark counts only for private models of its own owner,
 * whose readers are exactly its readers: classifying a public model's result against it (or suggesting its name)
 * would tell anyone who reads that model that the benchmark exists. Suggestions come from public benchmarks.
 */
export interface BenchmarkCatalog {
  forModel(model: ModelStanding): BenchmarkRegistry;
}

export async function benchmarkCatalog(db: Kysely<Database>, datasetIds: Iterable<string>): Promise<BenchmarkCatalog> {
  const keys = [...new Set([...datasetIds].map((id) => id.toLowerCase()))];
  const rows = keys.length === 0 ? [] : await db
    .selectFrom("benchmarks")
    .innerJoin("repos", "repos.id", "benchmarks.repo_id")
    .select(["benchmarks.dataset_key", "benchmarks.problems", "benchmarks.definition", "repos.namespace", "repos.name", "repos.owner_id", "repos.private"])
    .where("benchmarks.dataset_key", "in", keys)
    .execute();
  const known = new Map<string, CatalogEntry>();
  for (const row of rows) {
    const definition = parseDefinition(row.definition);
    const benchmark = {
      id: `${row.namespace}/${row.name}`,
      taskIds: definition ? definition.tasks.map((t) => t.id) : null,
      invalidReason: definition ? undefined : invalidReason(JSON.parse(row.problems)),
    };
    known.set(row.dataset_key, { benchmark, ownerId: row.owner_id, private: row.private === 1 });
  }
  // Suggestions are needed only when some id has no benchmark a model may be classified against.
  const needsSuggestions = keys.some((k) => !known.has(k) || known.get(k)?.private);
  const publicIds = needsSuggestions
    ? (await db.selectFrom("benchmarks").innerJoin("repos", "repos.id", "benchmarks.repo_id").select(["repos.namespace", "repos.name"]).where("repos.private", "=", 0).execute()).map((r) => `${r.namespace}/${r.name}`)
    : [];
  return {
    forModel(model) {
      const visible = (entry: CatalogEntry | undefined) => (entry && benchmarkCountsFor(model, entry) ? entry.benchmark : undefined);
      return { get: (id) => visible(known.get(id.toLowerCase())), ids: () => publicIds };
    },
  };
}

/** The registry one model's results are classified against. */
export async function registryFor(db: Kysely<Database>, datasetIds: Iterable<string>, model: ModelStanding): Promise<BenchmarkRegistry> {
  return (await benchmarkCatalog(db, datasetIds)).forModel(model);
}
