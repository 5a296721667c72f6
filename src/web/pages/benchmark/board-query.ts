import type { Context } from "hono";
import type { AppEnv } from "../../../api/env.ts";
import { isTrue } from "../../../api/query.ts";
import { asOf, maxParams } from "../../../api/routes/results-api.ts";
import { setupFilters } from "../../../api/setup-params.ts";
import { parseSetupFilter, type SetupFilter } from "../../../formats/evidence/setup-fields.ts";
import { badRequest } from "../../../hub/errors.ts";

export const SORT_KEYS = ["rank", "model", "value", "params", "date"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** The leaderboard a page shows, as GET parameters: the same names and defaults as the JSON API. */
export interface BoardQuery {
  taskId?: string;
  includeCommunity: boolean;
  verifiedOnly: boolean;
  baseModelOnly: boolean;
  /** As typed (`7B`, a count), for the form; parsed in `maxParamsCount`. */
  maxParams: string;
  maxParamsCount: number | null;
  /** As typed (a date), for the form; `asOfTime` is the parsed instant. */
  asOf: string;
  asOfTime: string | null;
  /** `field=value` as typed in the form's setup box, plus any `setup.<field>=` parameters. */
  setupText: string;
  setup: SetupFilter[];
  sort: SortKey;
  descending: boolean;
}

/**
 * A checkbox's value: forms send a hidden `0` before the checkbox's `1`, so the last value wins and an unchecked
 * box can still say "off" for a flag that is on by default.
 */
function lastFlag(c: Context<AppEnv>, name: string, fallback: boolean): boolean {
  const values = c.req.queries(name) ?? [];
  const last = values[values.length - 1];
  return last === undefined || last === "" ? fallback : isTrue(last);
}

export function boardQueryFrom(c: Context<AppEnv>): BoardQuery {
  const maxRaw = (c.req.query("max_params") ?? "").trim().slice(0, 20);
  const asOfRaw = (c.req.query("as_of") ?? "").trim().slice(0, 40);
  const setupText = (c.req.query("setup") ?? "").trim().slice(0, 200);
  const setup = setupFilters(c);
  if (setupText) {
    const eq = setupText.indexOf("=");
    const filter = eq > 0 ? parseSetupFilter(setupText.slice(0, eq).trim().replace(/^setup\./, ""), setupText.slice(eq + 1).trim()) : "setup filters are written field=value, e.g. tools=true";
    if (typeof filter === "string") throw badRequest("BadRequest", filter);
    setup.push(filter);
  }
  const sortRaw = c.req.query("sort") ?? "rank";
  const sort = (SORT_KEYS as readonly string[]).includes(sortRaw) ? (sortRaw as SortKey) : "rank";
  return {
    taskId: c.req.query("task_id") || undefined,
    includeCommunity: lastFlag(c, "include_community", true),
    verifiedOnly: lastFlag(c, "verified_only", false),
    baseModelOnly: lastFlag(c, "base_model", true),
    maxParams: maxRaw,
    maxParamsCount: maxParams(maxRaw || undefined),
    asOf: asOfRaw,
    asOfTime: asOf(asOfRaw ? endOfDay(asOfRaw) : undefined),
    setupText,
    setup,
    sort,
    descending: c.req.query("dir") === "desc",
  };
}

/** A bare date means "as of the end of that day". */
const endOfDay = (raw: string) => (/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T23:59:59.999Z` : raw);

/** The query parameters of a board, for links (sort headers, downloads), leaving out the defaults. */
export function boardParams(q: BoardQuery, taskId: string): Record<string, string | undefined> {
  const params: Record<string, string | undefined> = { task_id: taskId };
  if (!q.includeCommunity) params["include_community"] = "0";
  if (q.verifiedOnly) params["verified_only"] = "1";
  if (!q.baseModelOnly) params["base_model"] = "0";
  if (q.maxParams) params["max_params"] = q.maxParams;
  if (q.asOf) params["as_of"] = q.asOfTime ?? q.asOf;
  for (const f of q.setup) params[`setup.${f.field}`] = String(f.value);
  return params;
}
