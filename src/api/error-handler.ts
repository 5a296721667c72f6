import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { ZodError } from "zod";
import { HubError } from "../hub/errors.ts";
import type { AppEnv } from "./env.ts";
import { errorResponse } from "./respond.ts";

/** Every failure becomes a JSON answer; only a bug is a 500, and it is logged with the request id. */
export function toErrorResponse(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof HubError) {
    if (err.status === 401) {
      // git only retries with credentials after a Basic challenge; API clients read the Bearer one.
      c.header("WWW-Authenticate", 'Basic realm="evalhub"');
      c.header("WWW-Authenticate", 'Bearer realm="evalhub"', { append: true });
    }
    return errorResponse(c, err.status, err.code, err.message, err.extra.body as Record<string, unknown> | undefined);
  }
  if (err instanceof ZodError) {
    const first = err.issues[0];
    const where = first && first.path.length > 0 ? ` at ${first.path.join(".")}` : "";
    return errorResponse(c, 400, "BadRequest", `invalid request${where}: ${first?.message ?? "bad input"}`);
  }
  if (err instanceof HTTPException) return errorResponse(c, err.status as 400, "BadRequest", err.message || "bad request");
  c.var.hub.log.error({ err, requestId: c.var.requestId }, "unhandled error");
  return errorResponse(c, 500, "InternalError", `internal error (request ${c.var.requestId})`);
}
