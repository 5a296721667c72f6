import { listRefs } from "../../git/refs.ts";

export interface NamedRef {
  /** `main`, `v1.0`, `1` for `refs/pr/1`. */
  name: string;
  /** The full name, e.g. `refs/heads/main`. */
  ref: string;
  targetCommit: string;
}

export interface RepoRefs {
  branches: NamedRef[];
  tags: NamedRef[];
  /** `refs/convert/*` (the Hub's parquet conversions). */
  converts: NamedRef[];
  pullRequests: NamedRef[];
}

const CONVERT_PREFIX = "refs/convert/";

/** The repository's refs that lead to commits, by kind, each sorted by name (pull requests by number). */
export async function listRepoRefs(gitDir: string): Promise<RepoRefs> {
  const refs: RepoRefs = { branches: [], tags: [], converts: [], pullRequests: [] };
  for (const ref of await listRefs(gitDir)) {
    if (ref.commit === null) continue;
    const named = { name: ref.shortName, ref: ref.name, targetCommit: ref.commit };
    if (ref.kind === "branch") refs.branches.push(named);
    else if (ref.kind === "tag") refs.tags.push(named);
    else if (ref.kind === "pr") refs.pullRequests.push(named);
    else if (ref.name.startsWith(CONVERT_PREFIX)) refs.converts.push({ ...named, name: ref.name.slice(CONVERT_PREFIX.length) });
  }
  const byName = (a: NamedRef, b: NamedRef) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  refs.branches.sort(byName);
  refs.tags.sort(byName);
  refs.converts.sort(byName);
  refs.pullRequests.sort((a, b) => Number(a.name) - Number(b.name));
  return refs;
}
