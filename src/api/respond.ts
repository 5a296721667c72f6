import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "./env.ts";

/** An error answer in the shape both HF clients read: JSON `{error}` plus `X-Error-Code` and `X-Error-Message`. */
export function errorResponse(c: Context<AppEnv>, status: ContentfulStatusCode, code: string, message: string, extra: Record<string, unknown> = {}): Response {
  c.header("X-Error-Code", code);
  c.header("X-Error-Message", message.replace(/[^\x20-\x7e]/g, "?").slice(0, 500));
  return c.json({ error: message, ...extra }, status);
}

/** The origin clients reach the hub at: the configured public URL, or this request's own origin. */
export function baseUrl(c: Context<AppEnv>): string {
  return c.var.hub.config.publicUrl ?? new URL(c.req.url).origin;
}

/** `Link: <abs-url>; rel="next"` keeping every query parameter but the page ones. */
export function setNextLink(c: Context<AppEnv>, params: Record<string, string>): void {
  const url = new URL(c.req.url);
  const next = new URL(`${baseUrl(c)}${url.pathname}`);
  for (const [k, v] of url.searchParams) if (!(k in params)) next.searchParams.append(k, v);
  for (const [k, v] of Object.entries(params)) next.searchParams.set(k, v);
  c.header("Link", `<${next.toString()}>; rel="next"`);
}
