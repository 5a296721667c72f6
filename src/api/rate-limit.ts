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
 * One instance per server, shared by the middleware and the fast read path (src/api/fast-reads.ts).
 */
export class RateLimits {
  private readonly byToken: TokenBuckets | null;
  private readonly byAddress: TokenBuckets | null;
  private readonly failures: TokenBuckets | null;

  constructor(private readonly config: Config["rateLimit"]) {
    this.byToken = config.perTokenPerMinute > 0 ? new TokenBuckets(config.perTokenPerMinute) : null;
    this.byAddress = config.perAddressPerMinute > 0 ? new TokenBuckets(config.perAddressPerMinute) : null;
    this.failures = config.perAddressPerMinute > 0 ? new TokenBuckets(Math.max(1, Math.ceil(config.perAddressPerMinute / 10))) : null;
  }

  /** Whether requests from this address are limited at all (null: in-process, no socket). */
  applies(address: string | null): address is string {
    return address !== null && (this.config.loopback || !isLoopback(address));
  }

  /** Counts one request: 0 when allowed, else the whole seconds to wait. */
  take(address: string, token: string | null): number {
    if (token === null) return this.byAddress?.take(`a:${address}`) ?? 0;
    return Math.max(this.failures?.wait(`f:${address}`) ?? 0, this.byToken?.take(`t:${createHash("sha256").update(token).digest("hex")}`) ?? 0);
  }

  refusedToken(address: string): void {
    this.failures?.take(`f:${address}`);
  }
}

export function rateLimit(limits: RateLimits): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const address = requestAddress(c);
    if (!limits.applies(address)) return next();
    const token = tokenFrom(c.req.header("authorization"));
    const wait = limits.take(address, token);
    if (wait > 0) {
      c.header("Retry-After", String(wait));
      return errorResponse(c, 429, "TooManyRequests", `too many requests; try again in ${wait} s`);
    }
    try {
      await next();
    } finally {
      if (token !== null && c.res.status === 401) limits.refusedToken(address);
    }
  };
}
