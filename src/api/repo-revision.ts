import type { Context } from "hono";
import { refNameLookup } from "../hub/browse/ref-lookup.ts";
import type { Repo } from "../hub/repos.ts";
import { resolveRevision } from "../hub/revisions.ts";
import type { AppEnv } from "./env.ts";
import { splitRevisionPath } from "./revision-path.ts";

export interface RepoAtRevision {
  gitDir: string;
  /** The revision as the client named it. */
  rev: string;
  /** The commit it resolves to. */
  sha: string;
}

/** Resolves a revision the client named; 404 RevisionNotFound when it names nothing. */
export async function atRevision(c: Context<AppEnv>, repo: Repo, rev: string): Promise<RepoAtRevision> {
  const gitDir = c.var.hub.repos.gitDir(repo);
  return { gitDir, rev, sha: await resolveRevision(gitDir, rev) };
}

/** Splits a raw `<rev>/<path>` (§1.4: the revision may be encoded or raw) and resolves the revision. */
export async function atRevisionPath(c: Context<AppEnv>, repo: Repo, rawRest: string): Promise<RepoAtRevision & { path: string }> {
  const { rev, path } = await splitRevisionPath(rawRest, refNameLookup(c.var.hub.repos.gitDir(repo)));
  return { ...(await atRevision(c, repo, rev)), path };
}
