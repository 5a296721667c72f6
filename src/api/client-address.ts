import type { Context } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { AppEnv } from "./env.ts";

/** The address a request came from: the proxy's last X-Forwarded-For hop when trusted, else the socket's; null in-process. */
export function requestAddress(c: Context<AppEnv>): string | null {
  let socketAddress: string | null;
  try {
    socketAddress = getConnInfo(c).remote.address ?? null;
  } catch {
    socketAddress = null; // app.request() in a test: no socket
  }
  return clientAddress(c.var.hub.config.trustProxy, c.req.header("x-forwarded-for"), socketAddress);
}

/** The same rule on raw parts, for code that runs before Hono (src/api/fast-reads.ts). */
export function clientAddress(trustProxy: boolean, forwardedFor: string | undefined, socketAddress: string | null): string | null {
  if (trustProxy) {
    const last = forwardedFor?.split(",").map((h) => h.trim()).filter(Boolean).at(-1);
    if (last) return last;
  }
  return socketAddress;
}

export const isLoopback = (address: string) => address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
