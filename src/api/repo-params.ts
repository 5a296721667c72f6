import type { Context } from "hono";
import type { RepoKind } from "../db/schema.ts";
import { notFound } from "../hub/errors.ts";
import type { Repo } from "../hub/repos.ts";
import type { AppEnv } from "./env.ts";

/** `/api/models/...` → model, `/api/datasets/...` → dataset; spaces are not hosted. */
export function kindOf(segment: string | undefined): RepoKind {
  if (segment === "models") return "model";
  if (segment === "datasets") return "dataset";
  throw notFound("RepoNotFound", "Repository not found");
}

/** The repository named by `:kind/:ns/:name`, if the caller may read it (a 404 otherwise, whether or not it exists). */
export async function readableRepo(c: Context<AppEnv>): Promise<Repo> {
  const kind = kindOf(c.req.param("kind"));
  return c.var.hub.repos.readable(c.var.actor, { kind, namespace: c.req.param("ns") ?? "", name: c.req.param("name") ?? "" });
}

/** Everything after `marker` in the raw path (still percent-encoded), e.g. the `<rev>/<path>` after `/resolve/`. */
export function rawRest(c: Context<AppEnv>, marker: string): string {
  const path = new URL(c.req.url).pathname;
  const at = path.indexOf(marker);
  return at < 0 ? "" : path.slice(at + marker.length);
}
