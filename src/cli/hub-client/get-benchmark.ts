import { HubRequestError } from "./errors.ts";
import { repoPath, type HubClient } from "./client.ts";
import type { BenchmarkBody } from "./wire.ts";

/** A dataset's benchmark definition, or null when the dataset does not exist or has no eval.yaml. */
export async function getBenchmark(client: HubClient, datasetId: string): Promise<BenchmarkBody | null> {
  try {
    return await client.json<BenchmarkBody>(`/api/datasets/${repoPath(datasetId)}/benchmark`, { what: `benchmark ${datasetId}` });
  } catch (err) {
    if (err instanceof HubRequestError && err.status === 404) return null;
    throw err;
  }
}
