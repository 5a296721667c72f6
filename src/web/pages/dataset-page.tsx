import type { Context, Hono } from "hono";
import { raw } from "hono/html";
import type { AppEnv } from "../../api/env.ts";
import { HubError } from "../../hub/errors.ts";
import type { Repo } from "../../hub/repos.ts";
import type { BenchmarkStatus } from "../../hub/results/benchmark-service.ts";
import { RepoHeader } from "../components/repo-header.tsx";
import { renderPage } from "../render.tsx";
import { benchmarkPage } from "./benchmark/benchmark-page.tsx";
import { leaderboardCsv } from "./benchmark/download-csv.ts";
import { idOf, pageRepo } from "./page-repo.ts";
import { readmeHtml } from "./readme.ts";

/** The benchmark facts of a dataset, or null when it is not a benchmark. */
async function benchmarkOf(c: Context<AppEnv>, repo: Repo): Promise<BenchmarkStatus | null> {
  try {
    return await c.var.hub.benchmarks.status(repo);
  } catch (error) {
    if (error instanceof HubError && error.code === "NotABenchmark") return null;
    throw error;
  }
}

export function registerDatasetPages(app: Hono<AppEnv>): void {
  app.get("/datasets/:ns/:name", async (c) => {
    const repo = await pageRepo(c, "dataset");
    const [status, readme] = await Promise.all([benchmarkOf(c, repo), readmeHtml(c.var.hub, repo)]);
    if (status) return benchmarkPage(c, repo, status, readme);
    const id = idOf(repo);
    return renderPage(
      c,
      id,
      <>
        <RepoHeader kind="dataset" id={id} isPrivate={repo.private === 1} current="card" />
        {readme === null ? <p class="muted">This dataset has no README yet.</p> : <section class="markdown card">{raw(readme)}</section>}
      </>,
    );
  });

  app.get("/datasets/:ns/:name/leaderboard.csv", async (c) => leaderboardCsv(c, await pageRepo(c, "dataset")));
}
