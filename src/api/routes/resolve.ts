import { Readable } from "node:stream";
import type { Context, Hono } from "hono";
import { cors } from "hono/cors";
import type { RepoKind } from "../../db/schema.ts";
import { streamBlob } from "../../git/blob.ts";
import { entryNotFound } from "../../hub/browse/list-entries.ts";
import { findFile } from "../../hub/browse/find-entries.ts";
import { parseByteRange } from "../byte-range.ts";
import { sliceBytes } from "../byte-slice.ts";
import { contentTypeOf, inlineDisposition } from "../content-type.ts";
import type { AppEnv } from "../env.ts";
import { rawPathAfter } from "../raw-path.ts";
import { atRevisionPath } from "../repo-revision.ts";
import { errorResponse } from "../respond.ts";

// Without these a browser (huggingface.js in a page) cannot read sizes, ETags or error codes.
const EXPOSED = ["X-Repo-Commit", "X-Request-Id", "X-Error-Code", "X-Error-Message", "ETag", "Accept-Ranges", "Content-Range", "Content-Length"];

/** First path segments that are never a model namespace, so `/{ns}/{name}/resolve/…` is not theirs. */
const NOT_A_MODEL_NAMESPACE = new Set(["api", "datasets", "spaces"]);

/**
 * File downloads (§2.8): `/{ns}/{name}/resolve/{rev}/{path}` for models, `/datasets/…` for
 * datasets, and `/raw/` alike (files live in git itself, so raw and resolved content are the same).
 * HEAD runs the GET handler (Hono does that), which then sends headers only.
 */
export function registerResolve(app: Hono<AppEnv>): void {
  const corsForFiles = cors({ origin: "*", exposeHeaders: EXPOSED, allowHeaders: ["Authorization", "Range"], maxAge: 600 });
  for (const mode of ["resolve", "raw"]) {
    app.use(`/datasets/:ns/:name/${mode}/*`, corsForFiles);
    app.get(`/datasets/:ns/:name/${mode}/*`, (c) => serveFile(c, "dataset", 4));
    app.use(`/:ns/:name/${mode}/*`, corsForFiles);
    app.get(`/:ns/:name/${mode}/*`, (c, next) => {
      // `/datasets/x/resolve/…`, `/api/…` and git's `/{ns}/{name}.git/…` belong to other routes.
      if (NOT_A_MODEL_NAMESPACE.has(c.req.param("ns")) || c.req.param("name").endsWith(".git")) return next();
      return serveFile(c, "model", 3);
    });
  }
}

async function serveFile(c: Context<AppEnv>, kind: RepoKind, prefixSegments: number): Promise<Response> {
  const repo = await c.var.hub.repos.readable(c.var.actor, { kind, namespace: c.req.param("ns") ?? "", name: c.req.param("name") ?? "" });
  const at = await atRevisionPath(c, repo, rawPathAfter(c, prefixSegments));
  // Python caches "no such file at this commit" from the 404's X-Repo-Commit, so it goes out first.
  c.header("X-Repo-Commit", at.sha);
  const file = await findFile(at.gitDir, at.sha, at.path);
  if (!file) throw entryNotFound(at.path);

  c.header("ETag", `"${file.oid}"`);
  c.header("Accept-Ranges", "bytes");
  const range = file.size === 0 ? null : parseByteRange(c.req.header("range"), file.size);
  if (range?.kind === "unsatisfiable") {
    c.header("Content-Range", `bytes */${file.size}`);
    return errorResponse(c, 416, "RangeNotSatisfiable", `the range is outside the file's ${file.size} bytes`);
  }
  c.header("Content-Type", contentTypeOf(file.path));
  c.header("Content-Disposition", inlineDisposition(file.path));
  c.header("X-Content-Type-Options", "nosniff");
  c.header("Content-Security-Policy", "default-src 'none'; sandbox");
  if (range === null) {
    // An empty file: never a 416, and always a size, since JS fails on either (§2.8).
    c.header("Content-Range", "bytes */0");
    c.header("Content-Length", "0");
    return c.body(null, 200);
  }

  const start = range.kind === "part" ? range.start : 0;
  const end = range.kind === "part" ? range.end : file.size - 1;
  if (range.kind === "part") c.header("Content-Range", `bytes ${start}-${end}/${file.size}`);
  c.header("Content-Length", String(end - start + 1));
  const status = range.kind === "part" ? 206 : 200;
  if (c.req.method === "HEAD") return c.body(null, status);

  const blob = streamBlob(at.gitDir, file.oid);
  const body = range.kind === "part" ? sliceBytes(blob, start, end) : blob;
  return c.body(Readable.toWeb(body) as ReadableStream<Uint8Array>, status);
}
