import { isIPv6 } from "node:net";
import type { Context } from "hono";
import { requestAddress } from "../../api/client-address.ts";
import type { AppEnv } from "../../api/env.ts";
import { BoundedLru } from "../../bounded-lru.ts";

/** Failed sign-ins allowed per address within the window, before further attempts are refused for its rest. */
const MAX_FAILURES_PER_ADDRESS = 10;
/**
 * …and per account, from all addresses together: guessing one password from many addresses is bounded too. Higher,
 * because anyone may fail on purpose to keep an account's owner out of the web for a window (tokens still work).
 */
const MAX_FAILURES_PER_ACCOUNT = 100;
const WINDOW_MS = 15 * 60_000;
const MAX_TRACKED = 10_000;

/** The address failed sign-ins are counted against (the API's rule: trusted proxy hop, else the socket). */
export function clientAddress(c: Context<AppEnv>): string {
  return requestAddress(c) ?? "unknown";
}

/** Why a sign-in is refused before the password is checked, and for how many seconds. */
export interface SignInWait {
  seconds: number;
  reason: "address" | "account";
}

/**
 * Counts failed sign-ins in memory, per process: per address (an IPv6 address by its /64, which one host usually
 * holds whole) and per account name. Cheap protection against password guessing; when the table is full the least
 * recently used counts go first, so a flood of new addresses cannot wipe every count at once.
 */
export class LoginLimiter {
  /** Each count costs 1: the bound is a number of counts. */
  private readonly failures = new BoundedLru<{ count: number; since: number }>(MAX_TRACKED);

  /** When the address or the account must wait, the longer wait; null when the attempt may go ahead. */
  wait(address: string, account: string, now = Date.now()): SignInWait | null {
    const byAddress = this.remaining(addressKey(address), MAX_FAILURES_PER_ADDRESS, now);
    const byAccount = this.remaining(accountKey(account), MAX_FAILURES_PER_ACCOUNT, now);
    if (byAddress === 0 && byAccount === 0) return null;
    return byAddress >= byAccount ? { seconds: byAddress, reason: "address" } : { seconds: byAccount, reason: "account" };
  }

  recordFailure(address: string, account: string, now = Date.now()): void {
    this.count(addressKey(address), now);
    this.count(accountKey(account), now);
  }

  /** A right password clears its address's count, not the account's: other addresses may still be guessing. */
  recordSuccess(address: string): void {
    this.failures.delete(addressKey(address));
  }

  private remaining(key: string, max: number, now: number): number {
    const entry = this.failures.get(key);
    if (!entry || now - entry.since > WINDOW_MS || entry.count < max) return 0;
    return Math.ceil((entry.since + WINDOW_MS - now) / 1000);
  }

  private count(key: string, now: number): void {
    const entry = this.failures.get(key);
    if (entry && now - entry.since <= WINDOW_MS) {
      entry.count += 1;
      return;
    }
    this.failures.set(key, { count: 1, since: now }, 1);
  }
}

function addressKey(address: string): string {
  if (!isIPv6(address) || address.includes(".")) return `address:${address}`;
  return `address:${expandIPv6(address).slice(0, 4).join(":")}::/64`;
}

const accountKey = (account: string) => `account:${account.trim().toLowerCase()}`;

/** The eight groups of an IPv6 address, `::` filled in. */
function expandIPv6(address: string): string[] {
  const [head = "", tail] = address.toLowerCase().split("%")[0]!.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const zeros = tail === undefined ? [] : Array.from({ length: 8 - left.length - right.length }, () => "0");
  return [...left, ...zeros, ...right].map((group) => group.replace(/^0+(?=.)/, ""));
}
