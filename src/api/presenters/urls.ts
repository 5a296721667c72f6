import type { RepoKind } from "../../db/schema.ts";

/** The web prefix of a repository kind: none for models, `datasets/` for datasets. */
export const webPrefix = (kind: RepoKind) => (kind === "dataset" ? "datasets/" : "");

/** `{base}/{P}{ns}/{name}`: what Python parses as a repo URL on the endpoint's host. */
export const repoUrl = (base: string, repo: { kind: RepoKind; namespace: string; name: string }) =>
  `${base}/${webPrefix(repo.kind)}${repo.namespace}/${repo.name}`;

export const commitUrl = (base: string, repo: { kind: RepoKind; namespace: string; name: string }, sha: string) => `${repoUrl(base, repo)}/commit/${sha}`;

export const discussionUrl = (base: string, repo: { kind: RepoKind; namespace: string; name: string }, num: number) =>
  `${repoUrl(base, repo)}/discussions/${num}`;
