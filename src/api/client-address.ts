import type { Context } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { AppEnv } from "./env.ts";

/** The address a request came from: the proxy's last X-Forwarded-For hop when trusted, else the socket's; null in-process. */
export function requestAddress(c: Context<AppEnv>): string | null {
  if (c.var.hub.config.trustProxy) {
    const last = c.req.header("x-forwarded-for")?.split(",").map((h) => h.trim()).filter(Boolean).at(-1);
    if (last) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null; // app.request() in a test: no socket
  }
}

export const isLoopback = (address: string) => address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
