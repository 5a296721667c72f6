import { createServer, type Server } from "node:http";
import { getRequestListener } from "@hono/node-server";
import type { Hub } from "../hub/hub.ts";
import { createApp, newAppState } from "./app.ts";
import { fastReads } from "./fast-reads.ts";

/** The hub's HTTP server, not yet listening: the fast read path in front of the Hono app. */
export function createHttpServer(hub: Hub): Server {
  const state = newAppState(hub);
  return createServer(fastReads(hub, state.readCache, state.rateLimits, getRequestListener(createApp(hub, state).fetch, { hostname: hub.config.host })));
}
