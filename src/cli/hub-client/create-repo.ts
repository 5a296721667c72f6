import { HubRequestError } from "./errors.ts";
import type { HubClient } from "./client.ts";
import type { RepoType } from "./wire.ts";

/** Creates a repository; resolves to false when it exists already. */
export async function createRepo(client: HubClient, type: RepoType, repoId: string, options: { private?: boolean } = {}): Promise<boolean> {
  const [namespace, name] = repoId.split("/");
  try {
    await client.request("/api/repos/create", {
      what: `creating ${type} ${repoId}`,
      method: "POST",
      contentType: "application/json",
      body: JSON.stringify({ type, name, organization: namespace, private: options.private === true }),
    });
    return true;
  } catch (err) {
    if (err instanceof HubRequestError && err.status === 409 && err.code === "RepoExists") return false;
    throw err;
  }
}
