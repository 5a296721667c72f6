import type { Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../../api/env.ts";
import { SESSION_DAYS } from "../../hub/sessions.ts";

export const SESSION_COOKIE = "evalhub_session";
/** Anonymous forms (sign up, sign in) use a double-submit cookie: the form's token must equal it. */
export const ANONYMOUS_CSRF_COOKIE = "evalhub_csrf";

/** Whether the browser reached us over TLS: the URL, or the proxy's word when EVALHUB_TRUST_PROXY is set. */
export function cameOverTls(c: Context<AppEnv>): boolean {
  if (c.var.hub.config.trustProxy) {
    const forwarded = c.req.header("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
    if (forwarded) return forwarded === "https";
  }
  return new URL(c.req.url).protocol === "https:";
}

function cookieOptions(c: Context<AppEnv>, maxAgeSeconds: number) {
  return { path: "/", httpOnly: true, sameSite: "Lax" as const, secure: cameOverTls(c), maxAge: maxAgeSeconds };
}

export function setSessionCookie(c: Context<AppEnv>, id: string): void {
  setCookie(c, SESSION_COOKIE, id, cookieOptions(c, SESSION_DAYS * 86_400));
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: cameOverTls(c) });
}

export function setAnonymousCsrfCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, ANONYMOUS_CSRF_COOKIE, token, cookieOptions(c, 86_400));
}
