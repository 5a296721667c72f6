import type { Context } from "hono";
import type { AppEnv } from "./env.ts";

/**
 * The raw (still percent-encoded) path after its first `count` segments, e.g. the `<rev>/<path>` of
 * `/api/models/ns/name/tree/<rev>/<path>` for 5. Counting segments rather than searching for a
 * marker such as `/tree/` keeps a repository called `tree` or `resolve` from confusing it.
 */
export function rawPathAfter(c: Context<AppEnv>, count: number): string {
  const segments = new URL(c.req.url).pathname.split("/").slice(1);
  return segments.slice(count).join("/");
}
