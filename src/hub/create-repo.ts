import { readRef } from "../git/refs.ts";
import { commitFiles } from "./commits/commit-files.ts";
import type { CommitOperation } from "./commits/commit-request.ts";
import type { Hub } from "./hub.ts";
import type { Actor } from "./policy.ts";
import type { Repo, RepoRef } from "./repos.ts";

/**
 * Creates a repository (its system "initial commit" included) and, when files come along (JS
 * `createRepo({files})`), commits them on `main` as the creator. The files are checked by the caller
 * before this runs, so a bad file never leaves a half-made repository behind.
 */
export async function createRepo(hub: Hub, actor: Actor, input: RepoRef & { private: boolean }, files: CommitOperation[]): Promise<Repo> {
  const repo = await hub.repos.create(actor, input);
  if (files.length === 0) return repo;
  const ref = "refs/heads/main";
  const head = await readRef(hub.repos.gitDir(repo), ref);
  if (head === null) throw new Error(`new repository ${repo.namespace}/${repo.name} has no ${ref}`);
  const summary = files.length === 1 ? `Add ${files[0]?.path}` : `Add ${files.length} files`;
  await commitFiles(hub, actor, repo, { kind: "branch", ref, head }, { summary, description: "", parentCommit: null, operations: files });
  return repo;
}
