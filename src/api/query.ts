import type { Context } from "hono";
import { badRequest } from "../hub/errors.ts";
import type { AppEnv } from "./env.ts";

/** A repeated parameter, sent as `name=a&name=b` or `name[]=a` (both clients do both). */
export function queryList(c: Context<AppEnv>, name: string): string[] {
  return [...(c.req.queries(name) ?? []), ...(c.req.queries(`${name}[]`) ?? [])];
}

/** `true`, `True`, `1` and friends: clients send all of them. */
export function isTrue(value: string | boolean | undefined | null): boolean {
  if (typeof value === "boolean") return value;
  return value !== undefined && value !== null && /^(1|true|yes|on)$/i.test(value.trim());
}

export function queryFlag(c: Context<AppEnv>, name: string): boolean {
  return isTrue(c.req.query(name));
}

/** An integer parameter: the fallback when absent, clamped into [min, max], 400 when not an integer. */
export function queryInt(c: Context<AppEnv>, name: string, options: { fallback: number; min: number; max: number }): number {
  const raw = c.req.query(name);
  if (raw === undefined || raw === "") return options.fallback;
  if (!/^-?[0-9]{1,15}$/.test(raw)) throw badRequest("BadRequest", `${name} must be an integer, got "${raw.slice(0, 40)}"`);
  return Math.min(options.max, Math.max(options.min, Number(raw)));
}
