import { repoPath, type HubClient } from "./client.ts";
import type { ModelResultBody } from "./wire.ts";

/** Every entry of a model (main and open pull requests) with its classification. */
export const modelResults = (client: HubClient, modelId: string) =>
  client.json<ModelResultBody[]>(`/api/models/${repoPath(modelId)}/eval-results`, { what: `results of ${modelId}` });
