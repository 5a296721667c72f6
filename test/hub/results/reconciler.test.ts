import { setTimeout as sleep } from "node:timers/promises";
import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../src/config.ts";
import { openDatabase } from "../../../src/db/connect.ts";
import { DEFAULT_FRAMEWORKS } from "../../../src/formats/frameworks.ts";
import type { Repo } from "../../../src/hub/repos.ts";
import { ResultsIndexer } from "../../../src/hub/results/indexer.ts";
import { Reconciler } from "../../../src/hub/results/reconciler.ts";
import { verifyIndex } from "../../../src/hub/results/verify.ts";
import { describeEachDialect } from "../../support/dialects.ts";
import { EVAL_YAML, inProcessHub, resultsYaml } from "../../support/in-process-hub.ts";

const FILE = ".eval_results/demo.yaml";

/** A logger whose lines the test reads back. */
function capturingLog() {
  const lines: { level: number; msg: string; reindexed?: number }[] = [];
  const log = pino({ level: "debug" }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { log, lines };
}

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describeEachDialect("the results reconciler", (getDb) => {
  const get = inProcessHub(getDb);
  let model: Repo;

  beforeAll(async () => {
    const { hub, createRepo, commit } = get();
    const bench = await createRepo("dataset", "bench");
    await commit(bench, { "eval.yaml": EVAL_YAML });
    model = await createRepo("model", "m1");
    await commit(model, { [FILE]: resultsYaml("acme/bench", { easy: 0.5 }) });
    await hub.results.indexAll([bench, model]);
  });

  it("re-indexes only the repositories whose refs moved without being indexed, and says how many", async () => {
    const { hub, commit } = get();
    const reconciler = new Reconciler({ ...hub, log: pino({ level: "silent" }) }, 60_000);
    expect(await reconciler.reconcileOnce()).toBe(0);
    const moved = await commit(model, { [FILE]: resultsYaml("acme/bench", { easy: 0.7 }) });
    expect(await verifyIndex(hub.indexContext, { settleMs: [] })).not.toEqual([]);

    const first = reconciler.reconcileOnce();
    expect(reconciler.reconcileOnce()).toBe(first);
    expect(await first).toBe(1);
    expect(await verifyIndex(hub.indexContext, { settleMs: [] })).toEqual([]);
    const row = await hub.db.selectFrom("results").select(["value", "commit"]).where("repo_id", "=", model.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ value: 0.7, commit: moved });
    expect(await reconciler.reconcileOnce()).toBe(0);
  });

  it("runs at start and then on its interval, logs what it repaired, and stops", async () => {
    const { hub, commit } = get();
    const { log, lines } = capturingLog();
    const reconciler = new Reconciler({ ...hub, log }, 50);
    reconciler.start();
    await waitFor("the first pass", () => lines.some((l) => l.msg === "results index reconciled with git at start"));
    await commit(model, { [FILE]: resultsYaml("acme/bench", { easy: 0.8 }) });
    await waitFor("a later pass to re-index the moved ref", () => lines.some((l) => l.msg === "results index reconciled with git" && l.reindexed === 1));
    await reconciler.stop();
    const passes = lines.length;
    await sleep(200);
    expect(lines.length).toBe(passes);
    expect(await verifyIndex(hub.indexContext, { settleMs: [] })).toEqual([]);
  });
});

describe("the results reconciler on a broken database", () => {
  it("logs a failed pass and tries again on the next interval, without throwing", async () => {
    const { db } = openDatabase(":memory:"); // never migrated: every query fails
    const { log, lines } = capturingLog();
    const results = new ResultsIndexer({ db, gitDir: () => "", frameworks: DEFAULT_FRAMEWORKS }, log);
    const reconciler = new Reconciler({ db, results, log }, 20);
    reconciler.start();
    await waitFor("two failed passes", () => lines.filter((l) => l.msg === "reconciling the results index with git failed" && l.level === 50).length >= 2);
    await reconciler.stop();
    await db.destroy();
  });
});

describe("EVALHUB_RECONCILE_SECONDS", () => {
  it("defaults to a minute and takes whole seconds from 1 to a day", () => {
    expect(loadConfig({}).reconcileSeconds).toBe(60);
    expect(loadConfig({ EVALHUB_RECONCILE_SECONDS: "5" }).reconcileSeconds).toBe(5);
    for (const bad of ["0", "-1", "1.5", "86401", "soon"]) {
      expect(() => loadConfig({ EVALHUB_RECONCILE_SECONDS: bad }), bad).toThrow(ConfigError);
    }
    expect(() => loadConfig({ EVALHUB_RECONCILE_SECONDS: "0" })).toThrow(/EVALHUB_RECONCILE_SECONDS="0"/);
  });
});
