import type { Context, Hono } from "hono";
import type { AppEnv } from "../../api/env.ts";
import { HubError } from "../../hub/errors.ts";
import type { Repo } from "../../hub/repos.ts";
import { leaderboard, type LeaderboardEntry } from "../../hub/results/leaderboard.ts";
import { recentPullRequests, recentResults } from "../../hub/results/recent.ts";
import { viewerOf } from "../../hub/results/viewer.ts";
import { formatDate, formatValue } from "../format.ts";
import { pageViewer, renderPage } from "../render.tsx";
import { datasetPath, discussionPath, modelPath } from "../urls.ts";
import { idOf } from "./page-repo.ts";

const BENCHMARKS_SHOWN = 12;
const TOP_MODELS = 3;

/** The first few rows of a benchmark's default leaderboard; none when it has no usable task list. */
async function topModels(c: Context<AppEnv>, repo: Repo): Promise<{ taskId: string; rows: LeaderboardEntry[] } | null> {
  try {
    const board = await leaderboard(c.var.hub.db, {
      datasetRepo: repo, includeCommunity: false, verifiedOnly: false, baseModelOnly: true, maxParams: null, asOf: null,
      limit: TOP_MODELS, offset: 0, viewer: viewerOf(pageViewer(c)),
    });
    return { taskId: board.taskId, rows: board.rows };
  } catch (error) {
    if (error instanceof HubError && error.status === 404) return null;
    throw error;
  }
}

export function registerHomePage(app: Hono<AppEnv>): void {
  app.get("/", async (c) => {
    const hub = c.var.hub;
    const viewer = pageViewer(c);
    const official = await hub.repos.list(viewer, { kind: "dataset", benchmark: "official", limit: BENCHMARKS_SHOWN, offset: 0 });
    const benchmarks = official.length > 0 ? official : await hub.repos.list(viewer, { kind: "dataset", benchmark: "any", limit: BENCHMARKS_SHOWN, offset: 0 });
    const boards = await Promise.all(benchmarks.map((repo) => topModels(c, repo)));
    const [results, pulls] = await Promise.all([recentResults(hub.db, viewerOf(viewer), 10), recentPullRequests(hub.db, viewerOf(viewer), 10)]);
    return renderPage(
      c,
      "",
      <>
        <section class="hero">
          <h1>Open evaluation results, with their sources</h1>
          <p class="lead">Benchmarks and leaderboards built from results files kept in git. Every number links to the file, commit and pull request it came from.</p>
          <form method="get" action="/search" role="search">
            <input type="search" name="q" placeholder="Search models and benchmarks" aria-label="Search models and benchmarks" maxlength={200} />{" "}
            <button type="submit">Search</button>
          </form>
        </section>
        <section>
          <h2>{official.length > 0 ? "Official benchmarks" : "Benchmarks"}</h2>
          {benchmarks.length === 0 ? <p class="muted">No benchmark yet. A dataset becomes one when its main branch has an <code>eval.yaml</code>.</p> : null}
          <div class="grid">
            {benchmarks.map((repo, i) => {
              const board = boards[i];
              return (
                <article class="card">
                  <h3>
                    <a href={datasetPath(idOf(repo))}>{idOf(repo)}</a>
                  </h3>
                  {board && board.rows.length > 0 ? (
                    <>
                      <small class="muted">Top on {board.taskId}</small>
                      <ol class="top-models">
                        {board.rows.map((row) => (
                          <li>
                            <a href={modelPath(`${row.namespace}/${row.name}`)}>{`${row.namespace}/${row.name}`}</a>
                            <span>{formatValue(row.value)}</span>
                          </li>
                        ))}
                      </ol>
                    </>
                  ) : (
                    <p class="muted">No results yet.</p>
                  )}
                </article>
              );
            })}
          </div>
        </section>
        <div class="grid">
          <section>
            <h2>Recent results</h2>
            {results.length === 0 ? <p class="muted">None yet.</p> : null}
            <ul class="list">
              {results.map((r) => (
                <li>
                  <a href={modelPath(r.model)}>{r.model}</a> scored <strong>{formatValue(r.value)}</strong> on{" "}
                  <a href={datasetPath(r.datasetId)}>{r.datasetId}</a> · {r.taskId}
                  {r.community ? <span class="badge community">community</span> : null}
                  {r.verified ? <span class="badge verified">verified</span> : null}
                  <div class="muted">{formatDate(r.date)}</div>
                </li>
              ))}
            </ul>
          </section>
          <section>
            <h2>Recent pull requests</h2>
            {pulls.length === 0 ? <p class="muted">None yet.</p> : null}
            <ul class="list">
              {pulls.map((p) => (
                <li>
                  <a href={discussionPath(p.kind, p.repo, p.num)}>{p.title}</a>
                  <div class="muted">
                    {p.repo} #{p.num} · {p.status} · {formatDate(p.updatedAt)}
                  </div>
                </li>
              ))}
            </ul>
          </section>
        </div>
      </>,
    );
  });
}
