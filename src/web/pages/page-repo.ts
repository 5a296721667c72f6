import type { Context } from "hono";
import type { AppEnv } from "../../api/env.ts";
import type { RepoKind } from "../../db/schema.ts";
import type { Repo } from "../../hub/repos.ts";
import { pageViewer } from "../render.tsx";

/** The repository a page is about, read as the viewer: a private one the viewer may not read is a 404. */
export function pageRepo(c: Context<AppEnv>, kind: RepoKind): Promise<Repo> {
  return c.var.hub.repos.readable(pageViewer(c), { kind, namespace: c.req.param("ns") ?? "", name: c.req.param("name") ?? "" });
}

export const idOf = (repo: Repo) => `${repo.namespace}/${repo.name}`;

/** The README of a repository's main branch, when it has one small enough to show. */
export const README_MAX_BYTES = 512 * 1024;
