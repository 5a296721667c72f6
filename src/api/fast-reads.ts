import { randomUUID } from "node:crypto";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { Hub } from "../hub/hub.ts";
import { clientAddress } from "./client-address.ts";
import { EXPOSED_HEADERS } from "./exposed-headers.ts";
import type { RateLimits } from "./rate-limit.ts";
import type { CachedAnswer, ReadCache } from "./read-cache.ts";

/** Host headers and request targets that Hono's Node adapter takes verbatim into `c.req.url` (no normalising). */
const PLAIN_HOST = /^[a-z0-9.-]+(?::\d{1,5})?$/;
const PLAIN_API_PATH = /^\/api\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*$/;
const DOT_SEGMENT = /\/\.\.?(?:[/?]|$)/;
const CORS_HEADERS = { "access-control-allow-origin": "*", "access-control-expose-headers": EXPOSED_HEADERS.join(",") };

/**
 * Answers anonymous GETs whose answer the read cache already holds at the current read version, straight from
 * Node's request, before Hono builds a `Request` and runs the middleware: the common case of a popular
 * leaderboard or model page. The answer, its headers (those of Hono's own reply: CORS, ETag, request id) and the
 * rate limit are the same as through Hono; anything else (a token, a miss, an unusual URL) goes to `next`.
 */
export function fastReads(hub: Hub, cache: ReadCache, limits: RateLimits, next: RequestListener): RequestListener {
  return (req, res) => {
    const url = anonymousApiUrl(req);
    if (url === null) return void next(req, res);
    cache
      .anonymousAnswer(hub.db, url)
      .then(
        (answer) => (answer === undefined || !withinRateLimit(hub, limits, req) ? next(req, res) : reply(hub, req, res, answer)),
        () => next(req, res),
      )
      .catch((err: unknown) => {
        // Never an unhandled rejection (it would stop the process): log it and drop this one connection.
        hub.log.error({ err }, "fast read path failed");
        res.destroy();
      });
  };
}

/** `c.req.url` of an anonymous API GET, when Hono would take it verbatim; null for anything else. */
function anonymousApiUrl(req: IncomingMessage): string | null {
  const target = req.url ?? "";
  const host = req.headers.host ?? "";
  if (req.method !== "GET" || req.headers.authorization !== undefined) return null;
  if (!PLAIN_HOST.test(host) || !PLAIN_API_PATH.test(target) || DOT_SEGMENT.test(target)) return null;
  return `${"encrypted" in req.socket && req.socket.encrypted ? "https" : "http"}://${host}${target}`;
}

/** Takes the request's token from its address's bucket; false (no token taken) sends it to Hono for its 429. */
function withinRateLimit(hub: Hub, limits: RateLimits, req: IncomingMessage): boolean {
  const forwarded = req.headers["x-forwarded-for"];
  const address = clientAddress(hub.config.trustProxy, Array.isArray(forwarded) ? forwarded.join(",") : forwarded, req.socket.remoteAddress ?? null);
  return !limits.applies(address) || limits.take(address, null) === 0;
}

function reply(hub: Hub, req: IncomingMessage, res: ServerResponse, answer: CachedAnswer): void {
  const started = performance.now();
  const incomingId = req.headers["x-request-id"];
  const requestId = (typeof incomingId === "string" ? incomingId.slice(0, 64) : "") || randomUUID();
  const notModified = req.headers["if-none-match"] === answer.etag;
  const headers = notModified
    ? { ...CORS_HEADERS, etag: answer.etag, "x-request-id": requestId }
    : { ...CORS_HEADERS, ...answer.headers, etag: answer.etag, "x-request-id": requestId, "content-length": String(answer.body.length) };
  res.writeHead(notModified ? 304 : 200, headers);
  res.end(notModified ? undefined : answer.body);
  const ms = Math.round((performance.now() - started) * 10) / 10;
  hub.log.info({ requestId, method: "GET", path: (req.url ?? "/").split("?", 1)[0], status: notModified ? 304 : 200, ms }, "request");
}
