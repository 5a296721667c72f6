import type { Hono } from "hono";
import { notFound } from "../../hub/errors.ts";
import { benchmarkOfRepo } from "../../hub/results/benchmarks.ts";
import { viewerOf } from "../../hub/results/viewer.ts";
import { conflictsOf } from "../../hub/trust/conflict-service.ts";
import type { AppEnv } from "../env.ts";
import { presentConflict } from "../presenters/trust.ts";

/** Trust routes beyond the results API: conflicting results of a benchmark. */
export function registerTrustApi(app: Hono<AppEnv>): void {
  app.get("/api/datasets/:ns/:name/conflicts", async (c) => {
    const repo = await c.var.hub.repos.readable(c.var.actor, { kind: "dataset", namespace: c.req.param("ns"), name: c.req.param("name") });
    const benchmark = await benchmarkOfRepo(c.var.hub.db, repo);
    const taskId = c.req.query("task_id") || undefined;
    const tasks = benchmark.definition?.tasks.map((t) => t.id) ?? [];
    if (taskId !== undefined && !tasks.includes(taskId)) throw notFound("TaskNotFound", `${repo.namespace}/${repo.name} has no task "${taskId}"; its tasks are ${tasks.join(", ")}`);
    const conflicts = await conflictsOf(c.var.hub.db, { viewer: viewerOf(c.var.actor), datasetKey: benchmark.datasetKey, ...(taskId === undefined ? {} : { taskId }) });
    return c.json(conflicts.map(presentConflict));
  });
}
