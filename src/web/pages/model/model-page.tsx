import type { Context, Hono } from "hono";
import { raw } from "hono/html";
import type { AppEnv } from "../../../api/env.ts";
import { presentModelResult } from "../../../api/presenters/eval-result.ts";
import { baseUrl } from "../../../api/respond.ts";
import { modelResults } from "../../../hub/results/model-results.ts";
import type { Repo } from "../../../hub/repos.ts";
import { viewerOf } from "../../../hub/results/viewer.ts";
import { conflictIndex, conflictsOf } from "../../../hub/trust/conflict-service.ts";
import { Chart } from "../../components/chart.tsx";
import { RepoHeader } from "../../components/repo-header.tsx";
import { formatDate, formatValue } from "../../format.ts";
import { pageViewer, renderPage } from "../../render.tsx";
import { csrfTokenOf } from "../../session/viewer.ts";
import { LedgerTable } from "../benchmark/ledger.tsx";
import { idOf, pageRepo } from "../page-repo.ts";
import { readmeHtml } from "../readme.ts";
import { ResultEntries, type PresentedResult } from "./result-entries.tsx";

/** At most this many score-history charts on one page (one per benchmark task). */
const MAX_HISTORY_CHARTS = 6;

export function registerModelPages(app: Hono<AppEnv>): void {
  app.get("/:ns/:name", async (c) => {
    const repo = await pageRepo(c, "model");
    const hub = c.var.hub;
    const id = idOf(repo);
    const moderated = c.req.query("moderated");
    const [readme, sections] = await Promise.all([
      readmeHtml(hub, repo),
      c.var.readCache.fragment(c, { part: "model-results", viewer: pageViewer(c), csrfToken: csrfTokenOf(c) }, () => resultSections(c, repo)),
    ]);
    return renderPage(
      c,
      id,
      <>
        <RepoHeader kind="model" id={id} isPrivate={repo.private === 1} current="card" />
        {moderated === "hide" || moderated === "unhide" ? <p class="banner warning">The result was {moderated === "hide" ? "hidden" : "shown again"}; the ledger below records it.</p> : null}
        {raw(sections)}
        <section>
          <h2>Model card</h2>
          {readme === null ? <p class="muted">This model has no README yet.</p> : <div class="markdown card">{raw(readme)}</div>}
        </section>
      </>,
    );
  });
}

/** The model's results, their history charts and its ledger, as HTML: what the page computes from the index. */
async function resultSections(c: Context<AppEnv>, repo: Repo): Promise<string> {
  const hub = c.var.hub;
  const viewer = pageViewer(c);
  const id = idOf(repo);
  const includeHidden = (await hub.policy.repoAccess(viewer, repo)) !== "read";
  const canModerate = await hub.policy.canWrite(viewer, repo);
  const [rows, conflicts, ledger] = await Promise.all([
    modelResults(hub.db, repo.id, { includeHidden, withHistory: true }),
    conflictsOf(hub.db, { viewer: viewerOf(viewer), repoId: repo.id }),
    hub.moderation.ledger({ viewer: viewerOf(viewer), repoId: repo.id, limit: 50 }),
  ]);
  const byEntry = conflictIndex(conflicts);
  const results = rows.map((r) => presentModelResult(r, baseUrl(c), r.hidden ? [] : byEntry.get(`${repo.id}|${r.row.content_hash}`)));
  const html = (
    <>
      <section id="results">
        <h2>Evaluation results</h2>
        <ResultEntries modelId={id} results={results} canModerate={canModerate} />
      </section>
      <section class="charts">
        <HistoryCharts results={results} />
      </section>
      <section>
        <h2>Moderation ledger</h2>
        <LedgerTable records={ledger} showModel={false} />
      </section>
    </>
  );
  return String(await html.toString());
}

/** One chart per benchmark task: every recorded value of the model's entries on main, over time. */
function HistoryCharts(props: { results: readonly PresentedResult[] }) {
  const series = new Map<string, { x: number; y: number; label: string }[]>();
  for (const r of props.results) {
    if (r.pullRequest !== null || !r.datasetId || !r.taskId) continue;
    const key = `${r.datasetId} · ${r.taskId}`;
    const points = series.get(key) ?? [];
    for (const h of r.history) if (h.value !== null) points.push({ x: Date.parse(h.at), y: h.value, label: `${formatValue(h.value)} on ${formatDate(h.at)} (${h.change})` });
    series.set(key, points);
  }
  const charts = [...series.entries()].filter(([, points]) => points.length > 0).slice(0, MAX_HISTORY_CHARTS);
  if (charts.length === 0) return null;
  return (
    <>
      {charts.map(([key, points]) => (
        <Chart title={`Score history: ${key}`} points={points} xLabel="date" yLabel="value" formatX={(x) => new Date(x).toISOString().slice(0, 10)} minXSpan={2 * 86_400_000} formatY={formatValue} line />
      ))}
    </>
  );
}
