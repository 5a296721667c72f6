import type { Context, Hono } from "hono";
import type { RepoKind } from "../../db/schema.ts";
import { handleSmartHttp } from "../../git/index.ts";
import type { GitService } from "../../git/index.ts";
import { gitAccess } from "../../hub/git-access.ts";
import { gitServingOptions } from "../../hub/git-serving.ts";
import type { AppEnv } from "../env.ts";
import { errorResponse } from "../respond.ts";

/** The only paths after a repository that git's smart HTTP protocol uses; nothing else is routed here. */
const ENDPOINTS = [
  { method: "GET", subpath: "info/refs" },
  { method: "POST", subpath: "git-upload-pack" },
  { method: "POST", subpath: "git-receive-pack" },
] as const;

/** First path segments that are never a model namespace: `/datasets/{ns}/{name}/…` has its own route. */
const NOT_A_MODEL_NAMESPACE = new Set(["api", "datasets", "spaces"]);

/**
 * git over smart HTTP (§3): `/{ns}/{name}[.git]/…` for models and `/datasets/{ns}/{name}[.git]/…`
 * for datasets. Repository names never end in `.git`, so the suffix is simply dropped.
 */
export function registerGitHttp(app: Hono<AppEnv>): void {
  for (const { method, subpath } of ENDPOINTS) {
    app.on(method, `/datasets/:ns/:name/${subpath}`, (c) => serveGit(c, "dataset", subpath));
    app.on(method, `/:ns/:name/${subpath}`, (c, next) => (NOT_A_MODEL_NAMESPACE.has(c.req.param("ns")) ? next() : serveGit(c, "model", subpath)));
  }
}

async function serveGit(c: Context<AppEnv>, kind: RepoKind, subpath: string): Promise<Response> {
  const { hub, actor } = c.var;
  const service = serviceOf(c, subpath);
  const ref = { kind, namespace: c.req.param("ns") ?? "", name: withoutGitSuffix(c.req.param("name") ?? "") };
  const access = await gitAccess(hub, actor, ref, service);
  if (access.kind === "challenge") {
    c.header("WWW-Authenticate", 'Basic realm="evalhub"');
    return errorResponse(c, 401, "Unauthorized", "sign in: any user name, with an access token as the password");
  }
  if (access.kind === "not-found") return errorResponse(c, 404, "RepoNotFound", "Repository not found");
  const response = await handleSmartHttp(c.req.raw, subpath, gitServingOptions(hub, actor, access.repo, service));
  return response ?? errorResponse(c, 404, "NotFound", `no route for ${c.req.method} ${c.req.path}`);
}

/** `info/refs` names its service in `?service=`; anything but a push there is at most a read. */
function serviceOf(c: Context<AppEnv>, subpath: string): GitService {
  const requested = subpath === "info/refs" ? c.req.query("service") : subpath;
  return requested === "git-receive-pack" ? "git-receive-pack" : "git-upload-pack";
}

function withoutGitSuffix(name: string): string {
  return name.toLowerCase().endsWith(".git") ? name.slice(0, -".git".length) : name;
}
