import { badRequest } from "./errors.ts";
import type { Hub } from "./hub.ts";
import type { Actor } from "./policy.ts";
import type { Repo } from "./repos.ts";

export interface RepoSettingsChange {
  private?: boolean;
  /** Only `false` is possible: this hub has no gated repositories. */
  gated?: false | "auto" | "manual";
}

/** Python `update_repo_settings`: visibility (and gating, which stays off). Admins of the repository only. */
export async function updateRepoSettings(hub: Hub, actor: Actor, repo: Repo, change: RepoSettingsChange): Promise<{ private: boolean }> {
  await hub.policy.assertAdmin(actor, repo);
  if (change.gated !== undefined && change.gated !== false) {
    throw badRequest("GatedNotSupported", `gated repositories are not supported by this hub (asked for gated=${JSON.stringify(change.gated)})`);
  }
  if (change.private !== undefined) await hub.repos.setPrivate(actor, repo, change.private);
  return { private: change.private ?? repo.private === 1 };
}
