import { createHash } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { Config } from "../config.ts";
import { tokenFrom } from "./auth.ts";
import { isLoopback, requestAddress } from "./client-address.ts";
import type { AppEnv } from "./env.ts";
import { errorResponse } from "./respond.ts";
import { TokenBuckets } from "./token-buckets.ts";

/**
 * Rate limits, per process (see docs/reliability.md): a request with a token counts against that token, one
 * without against its address; requests whose token is refused (401) also count against the address's
 * failed-sign-in budget, so guessing tokens is slow. Loopback is exempt unless `EVALHUB_RATE_LIMIT_LOOPBACK` is set.
 */
export function rateLimit(config: Config["rateLimit"]): MiddlewareHandler<AppEnv> {
  const byToken = config.perTokenPerMinute > 0 ? new TokenBuckets(config.perTokenPerMinute) : null;
  const byAddress = config.perAddressPerMinute > 0 ? new TokenBuckets(config.perAddressPerMinute) : null;
  const failures = config.perAddressPerMinute > 0 ? new TokenBuckets(Math.max(1, Math.ceil(config.perAddressPerMinute / 10))) : null;
  return async (c, next) => {
    const address = requestAddress(c);
    if (address === null || (!config.loopback && isLoopback(address))) return next();
    const token = tokenFrom(c.req.header("authorization"));
    const wait = token === null ? byAddress?.take(`a:${address}`) ?? 0 : Math.max(failures?.wait(`f:${address}`) ?? 0, byToken?.take(`t:${createHash("sha256").update(token).digest("hex")}`) ?? 0);
    if (wait > 0) {
      c.header("Retry-After", String(wait));
      return errorResponse(c, 429, "TooManyRequests", `too many requests; try again in ${wait} s`);
    }
    try {
      await next();
    } finally {
      if (token !== null && c.res.status === 401) failures?.take(`f:${address}`);
    }
  };
}
