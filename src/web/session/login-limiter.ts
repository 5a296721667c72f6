import type { Context } from "hono";
import { requestAddress } from "../../api/client-address.ts";
import type { AppEnv } from "../../api/env.ts";

/** Failed sign-ins allowed per address within the window, before further attempts are refused for its rest. */
const MAX_FAILURES = 10;
const WINDOW_MS = 15 * 60_000;
const MAX_TRACKED = 10_000;

/** The address failed sign-ins are counted against (the API's rule: trusted proxy hop, else the socket). */
export function clientAddress(c: Context<AppEnv>): string {
  return requestAddress(c) ?? "unknown";
}

/** Counts failed sign-ins per address in memory, per process: cheap protection against password guessing. */
export class LoginLimiter {
  private readonly failures = new Map<string, { count: number; since: number }>();

  /** Seconds until the address may try again, or 0 when it may try now. */
  retryAfter(address: string, now = Date.now()): number {
    const entry = this.failures.get(address);
    if (!entry || now - entry.since > WINDOW_MS) return 0;
    return entry.count >= MAX_FAILURES ? Math.ceil((entry.since + WINDOW_MS - now) / 1000) : 0;
  }

  recordFailure(address: string, now = Date.now()): void {
    const entry = this.failures.get(address);
    if (!entry || now - entry.since > WINDOW_MS) {
      if (this.failures.size >= MAX_TRACKED) this.forgetOld(now);
      this.failures.set(address, { count: 1, since: now });
    } else entry.count += 1;
  }

  recordSuccess(address: string): void {
    this.failures.delete(address);
  }

  private forgetOld(now: number): void {
    for (const [address, entry] of this.failures) if (now - entry.since > WINDOW_MS) this.failures.delete(address);
    if (this.failures.size >= MAX_TRACKED) this.failures.clear();
  }
}
