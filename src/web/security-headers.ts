import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../api/env.ts";

const BASE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'";

/** The headers every HTML page carries; `embeddable` pages may be framed by any site. */
export function setHtmlSecurityHeaders(c: Context<AppEnv>, embeddable = false): void {
  c.header("Content-Security-Policy", `${BASE_CSP}; frame-ancestors ${embeddable ? "*" : "'none'"}`);
  c.header("X-Content-Type-Options", "nosniff");
  c.header("Referrer-Policy", "strict-origin-when-cross-origin");
  if (!embeddable) c.header("X-Frame-Options", "DENY");
}

/** Adds the headers to HTML answers that do not carry a policy yet (an embed sets its own first). */
export const htmlSecurityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const type = c.res.headers.get("content-type") ?? "";
  if (!type.startsWith("text/html") || c.res.headers.has("content-security-policy")) return;
  setHtmlSecurityHeaders(c);
};
