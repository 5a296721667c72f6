import type { Hono } from "hono";
import type { AppEnv } from "../../../api/env.ts";
import type { RepoKind } from "../../../db/schema.ts";
import { blobPage } from "./blob-page.tsx";
import { commitPage } from "./commit-page.tsx";
import { commitsPage } from "./commits-page.tsx";
import { treePage } from "./tree-page.tsx";

/** Files, file views, history and commits of models (`/{ns}/{name}/…`) and datasets (`/datasets/{ns}/{name}/…`). */
export function registerRepoPages(app: Hono<AppEnv>): void {
  for (const [prefix, kind] of [["/datasets/:ns/:name", "dataset"], ["/:ns/:name", "model"]] as [string, RepoKind][]) {
    app.get(`${prefix}/tree`, (c) => treePage(c, kind));
    app.get(`${prefix}/tree/*`, (c) => treePage(c, kind));
    app.get(`${prefix}/blob/*`, (c) => blobPage(c, kind));
    app.get(`${prefix}/commits`, (c) => commitsPage(c, kind));
    app.get(`${prefix}/commits/*`, (c) => commitsPage(c, kind));
    app.get(`${prefix}/commit/:sha`, (c) => commitPage(c, kind));
  }
}
