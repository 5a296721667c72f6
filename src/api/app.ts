import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import type { Hub } from "../hub/hub.ts";
import { ANONYMOUS } from "../hub/policy.ts";
import { authenticate } from "./auth.ts";
import type { AppEnv } from "./env.ts";
import { toErrorResponse } from "./error-handler.ts";
import { EXPOSED_HEADERS } from "./exposed-headers.ts";
import { RateLimits, rateLimit } from "./rate-limit.ts";
import { ReadCache } from "./read-cache.ts";
import { requestTimeout } from "./request-timeout.ts";
import { errorResponse } from "./respond.ts";
import { routes } from "./routes/index.ts";
import { registerWebRoutes } from "../web/app.ts";
import { renderErrorPage, wantsHtml } from "../web/render.tsx";

const isGitTransport = (path: string) => /\/(info\/refs|git-upload-pack|git-receive-pack)$/.test(path);

/** A browser sees the error's message, except for a bug, whose details stay in the log. */
const pageMessage = (err: Error, status: number) => (status >= 500 ? "Something went wrong on our side." : status === 404 ? "There is nothing at this address, or it is private." : err.message);

/** What one server's app shares with the code in front of it (src/api/fast-reads.ts). */
export interface AppState {
  readCache: ReadCache;
  rateLimits: RateLimits;
}

export const newAppState = (hub: Hub): AppState => ({ readCache: new ReadCache(hub.readChanges), rateLimits: new RateLimits(hub.config.rateLimit) });

export function createApp(hub: Hub, state: AppState = newAppState(hub)): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    const started = performance.now();
    const requestId = c.req.header("x-request-id")?.slice(0, 64) || randomUUID();
    c.set("hub", hub);
    c.set("readCache", state.readCache);
    c.set("actor", ANONYMOUS);
    c.set("requestId", requestId);
    c.header("X-Request-Id", requestId);
    await next();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    hub.log.info({ requestId, method: c.req.method, path: new URL(c.req.url).pathname, status: c.res.status, ms }, "request");
  });
  app.use(requestTimeout(hub.config.requestTimeoutMs, isGitTransport));
  app.use("/api/*", cors({ origin: "*", exposeHeaders: EXPOSED_HEADERS, allowHeaders: ["Authorization", "Content-Type", "Range"], maxAge: 600 }));
  // Git pushes stream straight into receive-pack; capping (and so buffering) them here would defeat that.
  const limitBody = bodyLimit({
    maxSize: hub.config.limits.maxBodyBytes,
    onError: (c) => errorResponse(c, 413, "PayloadTooLarge", `request body over the limit of ${hub.config.limits.maxBodyBytes} bytes`),
  });
  app.use((c, next) => (isGitTransport(new URL(c.req.url).pathname) ? next() : limitBody(c, next)));
  app.use(rateLimit(state.rateLimits));
  app.use(authenticate);

  for (const register of routes) register(app);
  registerWebRoutes(app);

  app.notFound((c) => wantsHtml(c) ? renderErrorPage(c, 404, "There is nothing at this address, or it is private.") : errorResponse(c, 404, "NotFound", `no route for ${c.req.method} ${new URL(c.req.url).pathname}`));
  app.onError((err, c) => {
    const answer = toErrorResponse(err, c);
    if (wantsHtml(c)) c.header("WWW-Authenticate", undefined);
    return wantsHtml(c) ? renderErrorPage(c, answer.status as 400, pageMessage(err, answer.status)) : answer;
  });
  state.readCache.refreshThrough(hub.db, (request) => app.fetch(request));
  return app;
}
