import { staticRegistry, type BenchmarkRegistry, type RegisteredBenchmark } from "../formats/classify.ts";
import type { HubClient } from "./hub-client/client.ts";
import { getBenchmark } from "./hub-client/get-benchmark.ts";
import { listBenchmarkIds } from "./hub-client/list-benchmarks.ts";

/**
 * The hub's benchmarks as a registry for the classifier: each named dataset's task list through the API and,
 * only when one is missing, the list of every benchmark id (for "did you mean").
 */
export async function registryFromHub(client: HubClient, datasetIds: readonly string[]): Promise<BenchmarkRegistry> {
  const found: RegisteredBenchmark[] = [];
  let missing = false;
  for (const id of datasetIds) {
    const benchmark = await getBenchmark(client, id);
    if (benchmark === null) missing = true;
    else found.push({ id, taskIds: benchmark.definition?.tasks.map((t) => t.id) ?? null, invalidReason: benchmark.valid ? undefined : "its eval.yaml has problems" });
  }
  const known = staticRegistry(found);
  if (!missing) return known;
  const allIds = await listBenchmarkIds(client);
  return { get: (id) => known.get(id), ids: () => allIds };
}
