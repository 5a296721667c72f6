import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { raw } from "hono/html";
import type { AppEnv } from "../../../api/env.ts";
import type { Repo } from "../../../hub/repos.ts";
import type { BenchmarkStatus } from "../../../hub/results/benchmark-service.ts";
import { viewerOf } from "../../../hub/results/viewer.ts";
import { Chart } from "../../components/chart.tsx";
import { ProblemsBanner } from "../../components/problems-banner.tsx";
import { RepoHeader } from "../../components/repo-header.tsx";
import { formatDate, formatParams, formatValue } from "../../format.ts";
import { pageViewer, renderPage } from "../../render.tsx";
import { csrfTokenOf } from "../../session/viewer.ts";
import { blobPath, datasetPath, withQuery } from "../../urls.ts";
import { idOf } from "../page-repo.ts";
import { loadBoard, sortRows, type BoardRow } from "./board-data.ts";
import { boardParams, boardQueryFrom } from "./board-query.ts";
import { FiltersForm } from "./filters-form.tsx";
import { LedgerTable } from "./ledger.tsx";
import { LeaderboardTable } from "./leaderboard-table.tsx";

/** A benchmark: its card, a tab per task, the filtered leaderboard, charts, downloads and the moderation ledger. */
export async function benchmarkPage(c: Context<AppEnv>, repo: Repo, status: BenchmarkStatus, readme: string | null): Promise<Response> {
  const id = idOf(repo);
  const banner = status.valid ? null : (
    <ProblemsBanner
      title={status.definition ? "eval.yaml on main is invalid; the leaderboard uses its last valid version." : "eval.yaml on main is invalid, so this benchmark has no leaderboard yet."}
      problems={status.problems}
      lineHref={(line) => `${blobPath("dataset", id, "main", "eval.yaml")}#L${line}`}
    />
  );
  const header = <RepoHeader kind="dataset" id={id} isPrivate={repo.private === 1} current="card" official={status.official} benchmark />;
  const card = readme === null ? null : <section class="markdown card">{raw(readme)}</section>;
  if (!status.definition) return renderPage(c, id, <>{header}{banner}{card}</>);

  const description = status.definition.description;
  const board = await c.var.readCache.fragment(c, { part: "benchmark-board", viewer: pageViewer(c), csrfToken: csrfTokenOf(c) }, () => boardSections(c, repo, description, banner));
  return renderPage(
    c,
    `${id} leaderboard`,
    <>
      {header}
      {raw(board)}
      {card ? (
        <section>
          <h2>Dataset card</h2>
          {card}
        </section>
      ) : null}
    </>,
    { scripts: ["sort-table.js"] },
  );
}

/** What the page computes from the index (the leaderboard, its charts, the ledger), as HTML: the part worth caching. */
async function boardSections(c: Context<AppEnv>, repo: Repo, description: string | undefined, banner: Child): Promise<string> {
  const id = idOf(repo);
  const base = datasetPath(id);
  const q = boardQueryFrom(c);
  const { board, rows } = await loadBoard(c, repo, q);
  const params = boardParams(q, board.taskId);
  const sorted = sortRows(rows, q.sort, q.descending);
  const ledger = await c.var.hub.moderation.ledger({ viewer: viewerOf(pageViewer(c)), datasetKey: id.toLowerCase(), limit: 50 });
  const html = (
    <>
      {description ? <p class="lead">{description}</p> : null}
      {banner}
      <ul class="tabs task-tabs" aria-label="Tasks">
        {board.tasks.map((task) => (
          <li>
            <a href={withQuery(base, { ...params, task_id: task })} aria-current={task === board.taskId ? "page" : undefined}>{task}</a>
          </li>
        ))}
      </ul>
      <section>
        <h2>
          Leaderboard: {board.taskId}
          {q.asOfTime ? <small class="muted"> as of {formatDate(q.asOfTime)}</small> : null}
        </h2>
        <FiltersForm action={base} taskId={board.taskId} q={q} />
        <p class="muted">
          {board.total} model{board.total === 1 ? "" : "s"}
          {board.total > rows.length ? `, the first ${rows.length} shown` : ""}. Download:{" "}
          <a href={withQuery(`${base}/leaderboard.csv`, params)} download>CSV</a>{" · "}
          <a href={withQuery(`/api/datasets/${id}/leaderboard`, params)}>JSON</a>
        </p>
        <LeaderboardTable rows={sorted} basePath={base} params={params} sort={q.sort} descending={q.descending} lowerIsBetter={board.lowerIsBetter} />
      </section>
      <section class="charts">
        <BoardCharts rows={rows} task={board.taskId} />
      </section>
      <section>
        <h2>Moderation ledger</h2>
        <LedgerTable records={ledger} />
      </section>
    </>
  );
  return String(await html.toString());
}

function BoardCharts(props: { rows: readonly BoardRow[]; task: string }) {
  const label = (r: BoardRow) => `${r.modelId}: ${formatValue(r.value)}`;
  return (
    <>
      <Chart
        title={`Scores on ${props.task} over time`}
        points={props.rows.map((r) => ({ x: Date.parse(r.date), y: r.value, label: `${label(r)} (${formatDate(r.date)})`, muted: r.community }))}
        xLabel="date"
        yLabel="value"
        formatX={(x) => new Date(x).toISOString().slice(0, 10)} minXSpan={2 * 86_400_000}
        formatY={formatValue}
      />
      <Chart
        title={`Scores on ${props.task} against model size`}
        points={props.rows.flatMap((r) => (r.num_parameters ? [{ x: r.num_parameters, y: r.value, label: `${label(r)} (${formatParams(r.num_parameters)})`, muted: r.community }] : []))}
        xLabel="parameters (log scale)"
        yLabel="value"
        formatX={formatParams}
        formatY={formatValue}
        logX
      />
    </>
  );
}
