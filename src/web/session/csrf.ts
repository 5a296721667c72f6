import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import type { AppEnv } from "../../api/env.ts";
import { HubError } from "../../hub/errors.ts";
import { CSRF_FIELD } from "./viewer.ts";

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

export const newCsrfToken = () => randomBytes(24).toString("base64url");
export const isWellFormedCsrfToken = (token: string | undefined): token is string => token !== undefined && TOKEN.test(token);

/**
 * A signed-in browser's CSRF token, derived from the secret session id (which only the cookie holds):
 * a page cannot read it from another site, and the database's hash of the id does not reveal it.
 */
export function sessionCsrfToken(sessionId: string): string {
  return createHash("sha256").update(`evalhub csrf\0${sessionId}`, "utf8").digest("base64url");
}

const csrfFailed = () => new HubError(403, "CsrfFailed", "This form is out of date or did not come from this site: go back, reload the page and try again.");

/** What the request sent as its CSRF token: the `_csrf` form field, or the `X-CSRF-Token` header (scripts). */
async function sentToken(c: Context<AppEnv>): Promise<string | undefined> {
  const header = c.req.header("x-csrf-token");
  if (header) return header;
  const body = await c.req.parseBody();
  const field = body[CSRF_FIELD];
  return typeof field === "string" ? field : undefined;
}

/** Refuses a state-changing request whose token is missing or wrong, or that a browser marks cross-site. */
export async function assertCsrf(c: Context<AppEnv>, expected: string): Promise<void> {
  if (c.req.header("sec-fetch-site") === "cross-site") throw csrfFailed();
  const sent = await sentToken(c);
  if (!sent || !expected) throw csrfFailed();
  const a = Buffer.from(sent, "utf8");
  const b = Buffer.from(expected, "utf8");
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw csrfFailed();
}
