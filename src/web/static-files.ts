import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Hono } from "hono";
import type { AppEnv } from "../api/env.ts";
import { PROJECT_ROOT } from "../project-root.ts";

const STATIC_DIR = join(PROJECT_ROOT, "src", "web", "static");
const TYPES: Record<string, string> = {
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  svg: "image/svg+xml",
  png: "image/png",
  ico: "image/x-icon",
};
/** Only plain names with a known extension: no slashes, no dots but the extension's, so no way out of the folder. */
const SAFE_NAME = /^[a-z0-9][a-z0-9_-]*\.([a-z]+)$/;

interface Asset {
  body: Uint8Array<ArrayBuffer>;
  type: string;
  etag: string;
}

/** The folder is read once at start: the set of files is fixed, and a request can only pick one of them by name. */
function loadAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(STATIC_DIR)) {
    const ext = SAFE_NAME.exec(name)?.[1];
    const type = ext ? TYPES[ext] : undefined;
    if (!type) continue;
    const body = new Uint8Array(readFileSync(join(STATIC_DIR, name)));
    assets.set(name, { body, type, etag: `"${createHash("sha256").update(body).digest("hex").slice(0, 20)}"` });
  }
  return assets;
}

export function registerStaticFiles(app: Hono<AppEnv>): void {
  const assets = loadAssets();
  app.get("/static/:file", (c) => {
    const asset = assets.get(c.req.param("file"));
    if (!asset) return c.notFound();
    const headers = {
      "Content-Type": asset.type,
      "Cache-Control": "public, max-age=3600",
      ETag: asset.etag,
      "X-Content-Type-Options": "nosniff",
    };
    if (c.req.header("if-none-match") === asset.etag) return c.body(null, 304, headers);
    return c.body(asset.body, 200, headers);
  });
}

