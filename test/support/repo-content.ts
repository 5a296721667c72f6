import { join } from "node:path";
import type { RepoKind } from "../../src/db/schema.ts";
import { createCommit, type FileChange } from "../../src/git/commit.ts";
import { readRef } from "../../src/git/refs.ts";
import type { HubProcess } from "./hub-process.ts";

/** The bare repository the hub keeps for `kind` `ns/name` (what Repos.gitDir computes). */
export function repoGitDir(hub: HubProcess, kind: RepoKind, id: string): string {
  const [namespace = "", name = ""] = id.toLowerCase().split("/");
  return join(hub.dataDir, "repos", `${kind}s`, namespace, `${name}.git`);
}

/** Creates a repository through `evalhub repo create` (the hub's own initial commit included). */
export async function createRepo(hub: HubProcess, kind: RepoKind, id: string, options: { private?: boolean } = {}): Promise<void> {
  await hub.cli(["repo", "create", kind, id, ...(options.private ? ["--private"] : [])]);
}

export interface CommitOptions {
  /** The ref to move; `refs/heads/main` by default. */
  ref?: string;
  /** Where a ref that does not exist yet starts (e.g. `refs/heads/main` for a new `refs/pr/1`). */
  from?: string;
  message?: string;
  author?: { name: string; email: string };
  date?: Date;
}

/** Commits files straight into the repository with the git layer (real git, no API), returns the commit. */
export async function commitFiles(hub: HubProcess, kind: RepoKind, id: string, changes: FileChange[], options: CommitOptions = {}): Promise<string> {
  const gitDir = repoGitDir(hub, kind, id);
  const ref = options.ref ?? "refs/heads/main";
  const head = await readRef(gitDir, ref);
  const parent = head ?? (options.from ? await readRef(gitDir, options.from) : null);
  const result = await createCommit(gitDir, {
    parent,
    branchRef: ref,
    expectedHead: head,
    changes,
    message: options.message ?? `update ${changes.map((change) => change.path).join(", ")}`,
    author: options.author ?? { name: "alice", email: "alice@example.com" },
    ...(options.date ? { date: options.date } : {}),
  });
  if (!result.ok) throw new Error(`commit to ${ref} did not land: ${result.reason}`);
  return result.commit;
}
