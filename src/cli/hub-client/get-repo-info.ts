import { HubRequestError } from "./errors.ts";
import { repoPath, type HubClient } from "./client.ts";
import type { RepoInfoBody, RepoType } from "./wire.ts";

/** A repository's info (with `sha`, the head of main), or null when it does not exist or is not visible. */
export async function repoInfo(client: HubClient, type: RepoType, repoId: string): Promise<RepoInfoBody | null> {
  try {
    return await client.json<RepoInfoBody>(`/api/${type}s/${repoPath(repoId)}`, { what: `${type} ${repoId}` });
  } catch (err) {
    if (err instanceof HubRequestError && err.status === 404) return null;
    throw err;
  }
}
