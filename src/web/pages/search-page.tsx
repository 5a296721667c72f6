import type { Hono } from "hono";
import type { AppEnv } from "../../api/env.ts";
import { formatDate } from "../format.ts";
import { pageViewer, renderPage } from "../render.tsx";
import { datasetPath, modelPath, withQuery } from "../urls.ts";
import { idOf } from "./page-repo.ts";

const PER_KIND = 50;

export function registerSearchPage(app: Hono<AppEnv>): void {
  app.get("/search", async (c) => {
    const q = (c.req.query("q") ?? "").trim().slice(0, 200);
    const type = c.req.query("type");
    const viewer = pageViewer(c);
    const showModels = type !== "benchmarks" && type !== "datasets";
    const showBenchmarks = type !== "models";
    const search = q || undefined;
    const [models, benchmarks, datasets] = await Promise.all([
      showModels ? c.var.hub.repos.list(viewer, { kind: "model", search, limit: PER_KIND, offset: 0 }) : [],
      showBenchmarks ? c.var.hub.repos.list(viewer, { kind: "dataset", search, benchmark: "any", limit: PER_KIND, offset: 0 }) : [],
      showBenchmarks && type !== "benchmarks" ? c.var.hub.repos.list(viewer, { kind: "dataset", search, limit: PER_KIND, offset: 0 }) : [],
    ]);
    const benchmarkIds = new Set(benchmarks.map((b) => b.id));
    const otherDatasets = datasets.filter((d) => !benchmarkIds.has(d.id));
    const tab = (value: string | undefined, label: string) => (
      <li>
        <a href={withQuery("/search", { q, type: value })} aria-current={type === value ? "page" : undefined}>{label}</a>
      </li>
    );
    const group = (title: string, repos: typeof models, href: (id: string) => string) =>
      repos.length === 0 ? null : (
        <section>
          <h2>{title}</h2>
          <ul class="list">
            {repos.map((r) => (
              <li>
                <a href={href(idOf(r))}>{idOf(r)}</a>
                {r.private ? <span class="badge hidden">private</span> : null}
                <div class="muted">updated {formatDate(r.updated_at)}</div>
              </li>
            ))}
          </ul>
        </section>
      );
    const nothing = models.length + benchmarks.length + otherDatasets.length === 0;
    return renderPage(
      c,
      q ? `Search: ${q}` : "Search",
      <>
        <h1>{q ? `Results for “${q}”` : "Browse"}</h1>
        <ul class="tabs">
          {tab(undefined, "All")}
          {tab("benchmarks", "Benchmarks")}
          {tab("models", "Models")}
        </ul>
        {nothing ? <p class="muted">Nothing matches.</p> : null}
        {group("Benchmarks", benchmarks, datasetPath)}
        {group("Models", models, modelPath)}
        {group("Datasets", otherDatasets, datasetPath)}
      </>,
      { query: q },
    );
  });
}
