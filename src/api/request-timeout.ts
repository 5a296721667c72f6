import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./env.ts";
import { errorResponse } from "./respond.ts";

/**
 * Answers 503 when a request's handler has not produced its response within `ms` (streaming the body afterwards is
 * not timed; git transfers have their own limit, EVALHUB_GIT_TIMEOUT_MS). The work already started is not undone:
 * a write that times out may still land, as after a lost connection, so a client checks before retrying.
 */
export function requestTimeout(ms: number, exempt: (path: string) => boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (exempt(new URL(c.req.url).pathname)) return next();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<"expired">((resolve) => (timer = setTimeout(() => resolve("expired"), ms)));
    const handled = next().then(() => "handled" as const);
    // The handler's own error still reaches onError when it wins; a late one is dropped with the request.
    handled.catch(() => undefined);
    try {
      if ((await Promise.race([handled, expired])) === "handled") return;
    } finally {
      clearTimeout(timer);
    }
    c.header("Retry-After", "5");
    return errorResponse(c, 503, "RequestTimeout", `the request took longer than ${ms} ms and was given up; a write may still have landed, so check before retrying`);
  };
}
