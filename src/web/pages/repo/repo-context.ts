import type { Context } from "hono";
import type { AppEnv } from "../../../api/env.ts";
import { rawPathAfter } from "../../../api/raw-path.ts";
import { splitRevisionPath } from "../../../api/revision-path.ts";
import type { RepoKind } from "../../../db/schema.ts";
import { refNameLookup } from "../../../hub/browse/ref-lookup.ts";
import type { Repo } from "../../../hub/repos.ts";
import { resolveRevision } from "../../../hub/revisions.ts";
import { idOf, pageRepo } from "../page-repo.ts";

export interface RepoAt {
  repo: Repo;
  kind: RepoKind;
  id: string;
  gitDir: string;
  /** The revision as written in the address, and the commit it names. */
  rev: string;
  sha: string;
  path: string;
}

/** Segments before `{rev}/{path}`: `/{ns}/{name}/tree/` is 3, `/datasets/{ns}/{name}/tree/` is 4. */
const prefixOf = (kind: RepoKind) => (kind === "dataset" ? 4 : 3);

/** The repository (read as the viewer), the revision and the path of a `tree`/`blob` address. */
export async function repoAtPath(c: Context<AppEnv>, kind: RepoKind): Promise<RepoAt> {
  const repo = await pageRepo(c, kind);
  const gitDir = c.var.hub.repos.gitDir(repo);
  const rest = rawPathAfter(c, prefixOf(kind));
  const { rev, path } = await splitRevisionPath(rest === "" ? "main" : rest, refNameLookup(gitDir));
  return { repo, kind, id: idOf(repo), gitDir, rev, sha: await resolveRevision(gitDir, rev), path: path.replace(/\/+$/, "") };
}
