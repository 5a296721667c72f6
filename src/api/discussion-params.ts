import type { Context } from "hono";
import { notFound } from "../hub/errors.ts";
import type { AppEnv } from "./env.ts";

/** The `:num` of `…/discussions/:num/…`: a positive integer, or the 404 of a discussion that does not exist. */
export function discussionNum(c: Context<AppEnv>): number {
  const raw = c.req.param("num") ?? "";
  if (!/^[1-9][0-9]{0,8}$/.test(raw)) throw notFound("DiscussionNotFound", `Discussion ${JSON.stringify(raw.slice(0, 20))} not found`);
  return Number(raw);
}
