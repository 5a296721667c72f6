import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { openHub, type Hub } from "../../src/hub/hub.ts";
import { rebuildIndex } from "../../src/hub/results/rebuild.ts";
import { verifyIndex } from "../../src/hub/results/verify.ts";
import { writeGitRepos, writeHubState } from "../../bench/generate/git-hub.ts";
import { pullRequestsOf } from "../../bench/generate/hub-db.ts";
import type { HubShape } from "../../bench/generate/shape.ts";
import { describeEachDialect } from "../support/dialects.ts";

// A mini-hub from the benchmark generator: history, open and closed pull requests, fine-tunes.
const shape: HubShape = { models: 8, benchmarks: 2, tasksPerBenchmark: 3, owners: 3, openPrShare: 0.5, closedPrShare: 0.5, historyShare: 0.5, fineTuneShare: 0.5 };

describeEachDialect("benchmark generator", (getDb) => {
  let dataDir = "";
  let hub: Hub | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "evalhub-bench-gen-"));
    await writeGitRepos(dataDir, shape);
    hub = await openHub(loadConfig({ EVALHUB_DATA: dataDir, DATABASE_URL: getDb().url, LOG_LEVEL: "silent" }), pino({ level: "silent" }));
    await writeHubState(hub.db, shape, "hf_benchgeneratortesttoken000");
  });
  afterAll(async () => {
    await hub?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("writes a hub that the hub's own reindex indexes with no difference to verify", async () => {
    const current = hub!;
    const summary = await rebuildIndex(current);
    expect(summary.failed).toEqual([]);
    const models = Array.from({ length: shape.models }, (_, m) => m);
    const openPrs = models.filter((m) => pullRequestsOf(shape, m).some((pr) => pr.open)).length;
    const closedPrs = models.filter((m) => pullRequestsOf(shape, m).some((pr) => !pr.open)).length;
    expect(openPrs).toBeGreaterThan(0);
    expect(closedPrs).toBeGreaterThan(0);
    expect(summary.benchmarks).toBe(shape.benchmarks);
    // Every task of every benchmark on main, plus the one community entry of each open pull request.
    expect(summary.results).toBe(shape.models * shape.benchmarks * shape.tasksPerBenchmark + openPrs);
    const valid = await current.db.selectFrom("results").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "valid").executeTakeFirstOrThrow();
    expect(Number(valid.n)).toBe(summary.results);
    expect(await verifyIndex(current.indexContext, { settleMs: [] })).toEqual([]);
  });
});
