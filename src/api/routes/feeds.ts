import type { Context, Hono } from "hono";
import { resultChanges, type ResultChange } from "../../hub/feeds/result-changes.ts";
import type { Repo } from "../../hub/repos.ts";
import { viewerOf } from "../../hub/results/viewer.ts";
import type { AppEnv } from "../env.ts";
import { renderAtom, type AtomEntry } from "../presenters/atom.ts";
import { baseUrl } from "../respond.ts";

const ATOM = "application/atom+xml; charset=utf-8";

/** Atom feeds of new and changed scores: per benchmark and per model (a private repository is a 404 to strangers). */
export function registerFeeds(app: Hono<AppEnv>): void {
  const benchmarkFeed = async (c: Context<AppEnv>) => {
    const repo = await c.var.hub.repos.readable(c.var.actor, { kind: "dataset", namespace: c.req.param("ns") ?? "", name: c.req.param("name") ?? "" });
    const changes = await resultChanges(c.var.hub.db, { viewer: viewerOf(c.var.actor), datasetKey: `${repo.namespace}/${repo.name}`.toLowerCase() });
    return atom(c, repo, changes, `Results of ${repo.namespace}/${repo.name}`, `New and changed scores for the benchmark ${repo.namespace}/${repo.name}`);
  };
  const modelFeed = async (c: Context<AppEnv>) => {
    const repo = await c.var.hub.repos.readable(c.var.actor, { kind: "model", namespace: c.req.param("ns") ?? "", name: c.req.param("name") ?? "" });
    const changes = await resultChanges(c.var.hub.db, { viewer: viewerOf(c.var.actor), repoId: repo.id });
    return atom(c, repo, changes, `Results of ${repo.namespace}/${repo.name}`, `New and changed scores of the model ${repo.namespace}/${repo.name}`);
  };
  app.get("/api/datasets/:ns/:name/feed.atom", benchmarkFeed);
  app.get("/datasets/:ns/:name/feed.atom", benchmarkFeed);
  app.get("/api/models/:ns/:name/feed.atom", modelFeed);
}

function atom(c: Context<AppEnv>, repo: Repo, changes: ResultChange[], title: string, subtitle: string): Response {
  const base = baseUrl(c);
  const page = `${base}/${repo.kind === "dataset" ? "datasets/" : ""}${repo.namespace}/${repo.name}`;
  const self = `${base}${new URL(c.req.url).pathname}`;
  const entries = changes.map((change): AtomEntry => ({
    id: `${base}/${change.model}#result-history-${change.historyId}`,
    title: change.change === "added"
      ? `${change.model} scored ${change.value ?? "?"} on ${change.datasetKey} / ${change.taskId}`
      : `${change.model} on ${change.datasetKey} / ${change.taskId}: ${change.previousValue ?? "?"} → ${change.value ?? "?"}`,
    updated: change.at,
    link: `${base}/${change.model}`,
    categories: [change.change, change.datasetKey, change.taskId],
    summary: [
      `${change.change === "added" ? "New" : "Changed"} result of ${change.model} for ${change.datasetKey} (task ${change.taskId}): ${change.value ?? "no value"}`,
      change.previousValue !== null ? ` (was ${change.previousValue})` : "",
      change.filePath ? `, in ${change.filePath}` : "",
      ` at commit ${change.commit.slice(0, 12)}`,
      change.status && change.status !== "valid" ? `; status ${change.status}` : "",
      ".",
    ].join(""),
  }));
  const updated = changes[0]?.at ?? repo.updated_at;
  c.header("Content-Type", ATOM);
  // What a signed-in reader sees can include private models: never in a shared cache.
  c.header("Cache-Control", c.var.actor.user ? "private, max-age=60" : "public, max-age=60");
  return c.body(renderAtom({ id: self, title, subtitle, self, alternate: page, updated, entries }));
}
