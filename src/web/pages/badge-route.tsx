import type { Context, Hono } from "hono";
import type { AppEnv } from "../../api/env.ts";
import { notFound } from "../../hub/errors.ts";
import { taskDirection } from "../../hub/results/benchmarks.ts";
import { modelResults } from "../../hub/results/model-results.ts";
import { formatValue } from "../format.ts";
import { pageViewer } from "../render.tsx";

/** Roughly the width of a character of 11px Verdana, for sizing the two halves. */
const CHAR_WIDTH = 7;
const COLOURS = { verified: "#1d7a46", plain: "#3554d1", none: "#8a8f98" };

/**
 * `GET /api/badge/{model ns}/{model name}/{dataset ns}/{dataset name}[/{task}]`: an SVG badge with the model's score
 * on a benchmark task (its first task by default), from the model's main branch, for READMEs. Green when the
 * score is verified. A private model or benchmark the viewer may not read is a 404, like everywhere else.
 */
export function registerBadgeRoute(app: Hono<AppEnv>): void {
  app.get("/api/badge/:mns/:mname/:dns/:dname", (c) => badge(c));
  app.get("/api/badge/:mns/:mname/:dns/:dname/:task", (c) => badge(c));
}

async function badge(c: Context<AppEnv>): Promise<Response> {
  const hub = c.var.hub;
  const viewer = pageViewer(c);
  const model = await hub.repos.readable(viewer, { kind: "model", namespace: c.req.param("mns") ?? "", name: (c.req.param("mname") ?? "").replace(/\.svg$/, "") });
  const dataset = await hub.repos.readable(viewer, { kind: "dataset", namespace: c.req.param("dns") ?? "", name: (c.req.param("dname") ?? "").replace(/\.svg$/, "") });
  const status = await hub.benchmarks.status(dataset);
  const tasks = status.definition?.tasks ?? [];
  const wanted = (c.req.param("task") ?? "").replace(/\.svg$/, "");
  const task = wanted ? tasks.find((t) => t.id === wanted) : tasks[0];
  if (!task) throw notFound("TaskNotFound", `${dataset.namespace}/${dataset.name} has no task "${wanted}"`);
  const datasetKey = `${dataset.namespace}/${dataset.name}`.toLowerCase();
  const lowerIsBetter = taskDirection(task);
  const candidates = (await modelResults(hub.db, model.id, { includeHidden: false, withHistory: false }))
    .map((r) => r.row)
    .filter((r) => r.status === "valid" && r.pr_num === null && r.value !== null && r.dataset_key === datasetKey && r.task_id === task.id);
  const best = candidates.sort((a, b) => (lowerIsBetter ? a.value! - b.value! : b.value! - a.value!) || b.verified - a.verified)[0];
  const label = `${dataset.name} ${task.id}`;
  const value = best ? `${formatValue(best.value)}${best.verified === 1 ? " ✓" : ""}` : "no result";
  const colour = !best ? COLOURS.none : best.verified === 1 ? COLOURS.verified : COLOURS.plain;
  const svg = <Badge label={label} value={value} colour={colour} />;
  return c.body(`<?xml version="1.0" encoding="UTF-8"?>${svg.toString()}`, 200, {
    "Content-Type": "image/svg+xml; charset=utf-8",
    "Cache-Control": model.private || dataset.private ? "private, max-age=60" : "public, max-age=300",
    "Content-Security-Policy": "default-src 'none'",
    "X-Content-Type-Options": "nosniff",
  });
}

function Badge(props: { label: string; value: string; colour: string }) {
  const left = props.label.length * CHAR_WIDTH + 12;
  const right = props.value.length * CHAR_WIDTH + 12;
  const width = left + right;
  return (
    <svg xmlns="http://www.w3.org/2000/svg" width={width} height="20" role="img" aria-label={`${props.label}: ${props.value}`}>
      <title>{`${props.label}: ${props.value}`}</title>
      <rect width={left} height="20" fill="#555" rx="3" />
      <rect x={left} width={right} height="20" fill={props.colour} rx="3" />
      <rect x={left} width="4" height="20" fill={props.colour} />
      <g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">
        <text x={left / 2} y="14">{props.label}</text>
        <text x={left + right / 2} y="14">{props.value}</text>
      </g>
    </svg>
  );
}
