import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { matchedRoutes } from "hono/route";
import type { AppEnv } from "../../api/env.ts";
import { ANONYMOUS } from "../../hub/policy.ts";
import { ANONYMOUS_CSRF_COOKIE, clearSessionCookie, SESSION_COOKIE, setAnonymousCsrfCookie } from "./cookies.ts";
import { assertCsrf, isWellFormedCsrfToken, newCsrfToken, sessionCsrfToken } from "./csrf.ts";
import { runWithCsrfToken } from "./viewer.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * For every web request: sets `viewer` from the session cookie (anonymous without a valid one) and `csrfToken`,
 * and refuses any state-changing request whose CSRF token does not match. Bearer-token API routes are
 * registered before the web routes, so they never reach this.
 */
export const webSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (new URL(c.req.url).pathname.startsWith("/static/")) return next();
  const { token, verifiable } = await identify(c);
  c.set("csrfToken", token);
  if (!SAFE_METHODS.has(c.req.method) && reachesAHandler(c)) await assertCsrf(c, verifiable ? token : "");
  return runWithCsrfToken(token, next);
};

/** Sets the viewer and finds the CSRF token; `verifiable` is false for a token minted just now (nothing to compare with). */
async function identify(c: Context<AppEnv>): Promise<{ token: string; verifiable: boolean }> {
  const sessionId = getCookie(c, SESSION_COOKIE);
  const session = sessionId ? await c.var.hub.sessions.resolve(sessionId) : undefined;
  if (session && sessionId) {
    c.set("viewer", { user: session.user, tokenRole: null });
    return { token: sessionCsrfToken(sessionId), verifiable: true };
  }
  if (sessionId) clearSessionCookie(c);
  c.set("viewer", ANONYMOUS);
  const cookie = getCookie(c, ANONYMOUS_CSRF_COOKIE);
  if (isWellFormedCsrfToken(cookie)) return { token: cookie, verifiable: true };
  const token = newCsrfToken();
  setAnonymousCsrfCookie(c, token);
  return { token, verifiable: false };
}

/** Whether a route handler (not only middleware) follows for this request; without one it is a plain 404. */
function reachesAHandler(c: Context<AppEnv>): boolean {
  return matchedRoutes(c)
    .slice(c.req.routeIndex + 1)
    .some((route) => route.method !== "ALL");
}
