import { rm } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_BENCHMARKS, DEMO_HIDDEN, DEMO_MODELS, DEMO_PULL_REQUEST } from "../../src/hub/demo/demo-content.ts";
import { selectedDialects } from "../support/dialect-selection.ts";
import { createTestDatabase, type TestDatabase } from "../support/dialects.ts";
import { startHub, type HubProcess } from "../support/hub-process.ts";
import { call } from "../support/write-api.ts";

async function json<T>(hub: HubProcess, path: string): Promise<T> {
  const res = await call(hub, "GET", path);
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
  return (await res.json()) as T;
}

const repoIds = async (hub: HubProcess, kind: "models" | "datasets") => (await json<{ id: string }[]>(hub, `/api/${kind}?limit=100`)).map((r) => r.id).sort();

for (const dialect of selectedDialects()) {
  describe(`${dialect}: the demo hub`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });
    const start = async (database: TestDatabase, serveArgs: string[], dataDir?: string) => {
      const hub = await startHub({ dialect, databaseUrl: database.url, serveArgs, ...(dataDir ? { dataDir } : {}) });
      cleanups.push(() => hub.stop());
      return hub;
    };

    it("`serve --demo` fills an empty hub once: benchmarks, a leaderboard, an open pull request, a ledger entry", async () => {
      const database = await createTestDatabase(dialect);
      cleanups.push(() => database.destroy());
      let hub = await start(database, ["--demo"]);
      cleanups.push(() => rm(hub.dataDir, { recursive: true, force: true }));

      const datasets = await repoIds(hub, "datasets");
      expect(datasets).toEqual(DEMO_BENCHMARKS.map((b) => b.id).sort());
      const models = await repoIds(hub, "models");
      expect(models).toEqual(DEMO_MODELS.map((m) => m.id).sort());

      const board = await json<{ modelId: string; value: number }[]>(hub, `/api/datasets/${DEMO_BENCHMARKS[0]!.id}/leaderboard?task_id=easy`);
      expect(board.length).toBeGreaterThanOrEqual(2);
      expect(board[0]).toMatchObject({ modelId: "demo-lab/pebble-7b", value: 81.5 });
      const benchmark = await json<{ official: boolean }>(hub, `/api/datasets/${DEMO_BENCHMARKS[0]!.id}/benchmark`);
      expect(benchmark.official).toBe(true);

      const open = await json<{ discussions: { num: number; isPullRequest: boolean; status: string; author: { name: string } }[] }>(hub, `/api/models/${DEMO_PULL_REQUEST.model}/discussions?status=open`);
      expect(open.discussions).toHaveLength(1);
      expect(open.discussions[0]).toMatchObject({ isPullRequest: true, status: "open", author: { name: DEMO_PULL_REQUEST.author } });

      const ledger = await json<{ action: string; reason: string; taskId: string; hiddenNow: boolean }[]>(hub, `/api/models/${DEMO_HIDDEN.model}/moderation`);
      expect(ledger).toEqual([expect.objectContaining({ action: "hide", reason: DEMO_HIDDEN.reason, taskId: DEMO_HIDDEN.task, hiddenNow: true })]);
      const hard = await json<{ modelId: string }[]>(hub, `/api/datasets/${DEMO_BENCHMARKS[0]!.id}/leaderboard?task_id=hard`);
      expect(hard.map((r) => r.modelId)).not.toContain(DEMO_HIDDEN.model);

      // A second start on the same data loads nothing more.
      await hub.stop();
      hub = await start(database, ["--demo"], hub.dataDir);
      expect(await repoIds(hub, "models")).toEqual(models);
      expect(await repoIds(hub, "datasets")).toEqual(datasets);
      expect((await json<{ discussions: unknown[] }>(hub, `/api/models/${DEMO_PULL_REQUEST.model}/discussions`)).discussions).toHaveLength(1);
      expect(await json<unknown[]>(hub, `/api/models/${DEMO_HIDDEN.model}/moderation`)).toHaveLength(1);
      expect(hub.output()).not.toContain("Loaded the demo");
    });

    it("`serve` without the flag starts empty", async () => {
      const database = await createTestDatabase(dialect);
      cleanups.push(() => database.destroy());
      const hub = await start(database, []);
      cleanups.push(() => rm(hub.dataDir, { recursive: true, force: true }));
      expect(await repoIds(hub, "models")).toEqual([]);
      expect(await repoIds(hub, "datasets")).toEqual([]);
    });
  });
}
