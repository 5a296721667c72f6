import type { Context } from "hono";
import type { z } from "zod";
import { badRequest } from "../hub/errors.ts";
import type { AppEnv } from "./env.ts";

/**
 * The request body as JSON checked by `schema` (a ZodError becomes a 400 naming the field). With
 * `emptyAs`, a request without a body reads as that value (Python sends no body on some calls).
 */
export async function readJsonBody<T extends z.ZodType>(c: Context<AppEnv>, schema: T, options: { emptyAs?: unknown } = {}): Promise<z.output<T>> {
  const text = await c.req.text();
  if (text.trim() === "" && options.emptyAs !== undefined) return schema.parse(options.emptyAs);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest("BadRequest", "the request body must be a JSON document");
  }
  return schema.parse(value);
}
