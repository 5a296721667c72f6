import { AsyncLocalStorage } from "node:async_hooks";
import type { Context } from "hono";
import type { AppEnv } from "../../api/env.ts";
import { ANONYMOUS, type Actor } from "../../hub/policy.ts";

/**
 * The contract between the session middleware and the pages.
 *
 * The session middleware sets two context variables for every web request:
 * - `viewer`: the signed-in user as an `Actor` (what `hub.policy` takes), `ANONYMOUS` without a session;
 * - `csrfToken`: the token every form must send back in the `_csrf` field.
 */
export const CSRF_FIELD = "_csrf";

export function viewerOf(c: Context<AppEnv>): Actor {
  return c.get("viewer") ?? ANONYMOUS;
}

export function csrfTokenOf(c: Context<AppEnv>): string {
  return c.get("csrfToken") ?? "";
}

/** The CSRF token of the request being rendered, so `<CsrfField/>` works without passing it down. */
const csrfScope = new AsyncLocalStorage<string>();

export function runWithCsrfToken<T>(token: string, fn: () => T): T {
  return csrfScope.run(token, fn);
}

export function currentCsrfToken(): string {
  return csrfScope.getStore() ?? "";
}
