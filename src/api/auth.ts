import type { MiddlewareHandler } from "hono";
import { unauthorized } from "../hub/errors.ts";
import { ANONYMOUS } from "../hub/policy.ts";
import type { AppEnv } from "./env.ts";

/** The token a request carries: `Bearer hf_…`, or the password of Basic auth (what git sends). */
export function tokenFrom(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, value = ""] = header.split(" ", 2);
  if (scheme?.toLowerCase() === "bearer") return value.trim() || null;
  if (scheme?.toLowerCase() === "basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    return colon >= 0 ? decoded.slice(colon + 1) || null : null;
  }
  return null;
}

/** Sets `actor`: the token's user, anonymous without credentials, a 401 for a token that is not valid. */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = tokenFrom(c.req.header("authorization"));
  if (token === null) {
    c.set("actor", ANONYMOUS);
    return next();
  }
  const owner = await c.var.hub.accounts.authenticateToken(token);
  if (!owner) throw unauthorized();
  c.set("actor", { user: owner.user, tokenRole: owner.token.role, token: owner.token });
  return next();
};
