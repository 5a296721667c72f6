import type { Context } from "hono";
import { parseSetupFilter, type SetupFilter } from "../formats/evidence/setup-fields.ts";
import { badRequest } from "../hub/errors.ts";
import type { AppEnv } from "./env.ts";

/** Leaderboard filters on structured setup: every `setup.<field>=<value>` query parameter (all must hold). */
export function setupFilters(c: Context<AppEnv>): SetupFilter[] {
  const filters: SetupFilter[] = [];
  for (const [name, values] of Object.entries(c.req.queries())) {
    if (!name.startsWith("setup.")) continue;
    for (const value of values) {
      const filter = parseSetupFilter(name.slice("setup.".length), value);
      if (typeof filter === "string") throw badRequest("BadRequest", filter);
      filters.push(filter);
    }
  }
  return filters;
}
