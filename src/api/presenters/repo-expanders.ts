import type { Hub } from "../../hub/hub.ts";
import type { Actor } from "../../hub/policy.ts";
import type { Repo } from "../../hub/repos.ts";
import { modelResults } from "../../hub/results/model-results.ts";
import { presentEvalResult } from "./eval-result.ts";

export interface ExpandContext {
  hub: Hub;
  actor: Actor;
  repo: Repo;
  gitDir: string;
  /** The commit the info describes. */
  sha: string;
}

/** Adds the fields of one `expand=<name>` to a repository info body. */
export type Expander = (ctx: ExpandContext) => Promise<Record<string, unknown>>;

/**
 * Fields beyond the default body (which already holds every cheap field), computed only when
 * `expand` names them. Register new ones here, e.g. `evalResults`; unknown names are ignored,
 * since both clients ask for fields this hub has no use for (`downloadsAllTime`, `trendingScore`).
 */
export const expanders = new Map<string, Expander>([
  [
    "evalResults",
    async ({ hub, repo }) => ({
      evalResults: repo.kind === "model" ? (await modelResults(hub.db, repo.id, { includeHidden: false, withHistory: false })).map(presentEvalResult) : [],
    }),
  ],
]);

export async function expandedFields(names: readonly string[], ctx: ExpandContext): Promise<Record<string, unknown>> {
  const fields: Record<string, unknown> = {};
  for (const name of new Set(names)) {
    const expander = expanders.get(name);
    if (expander) Object.assign(fields, await expander(ctx));
  }
  return fields;
}
