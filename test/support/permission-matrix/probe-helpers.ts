import type { Case, Edge, Probe } from "./probe.ts";
import type { ModelFixture, RepoFixture } from "./world.ts";

export const modelOf = (c: Case): ModelFixture => c.world.model[c.visibility];
export const benchOf = (c: Case): RepoFixture => c.world.bench[c.visibility];
export const workOf = (c: Case): RepoFixture => c.world.work[c.visibility];
export const apiPath = (repo: RepoFixture) => `/api/${repo.kind}s/${repo.id}`;
export const webPath = (repo: RepoFixture) => (repo.kind === "dataset" ? `/datasets/${repo.id}` : `/${repo.id}`);

/** A read of `path` that changes nothing, on `edge` (a GET page, an API call or a feed). */
export function reads(edge: Edge, path: (c: Case) => string): Probe {
  return {
    edge,
    prepare: async (c) => ({
      send: () => (edge === "api" ? c.agent.api("GET", path(c)) : c.agent.page(path(c))),
    }),
  };
}

/** The JSON body of an allowed answer. */
export async function jsonOf<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
