import type { NamedRef, RepoRefs } from "../../hub/browse/repo-refs.ts";

export interface RefBody {
  name: string;
  ref: string;
  targetCommit: string;
}

/** `list_repo_refs` (§2.13): `branches`, `converts` and `tags` always; `pullRequests` exactly when asked for. */
export interface RefsBody {
  branches: RefBody[];
  converts: RefBody[];
  tags: RefBody[];
  pullRequests?: RefBody[];
}

const present = (ref: NamedRef): RefBody => ({ name: ref.name, ref: ref.ref, targetCommit: ref.targetCommit });

export function presentRefs(refs: RepoRefs, options: { includePullRequests: boolean }): RefsBody {
  const body: RefsBody = { branches: refs.branches.map(present), converts: refs.converts.map(present), tags: refs.tags.map(present) };
  if (options.includePullRequests) body.pullRequests = refs.pullRequests.map(present);
  return body;
}
