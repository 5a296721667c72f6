import { readFileSync } from "node:fs";
import { beforeAll, expect, it } from "vitest";
import type { Repo } from "../../../src/hub/repos.ts";
import { verifyIndex } from "../../../src/hub/results/verify.ts";
import { describeEachDialect } from "../../support/dialects.ts";
import { EVAL_YAML, inProcessHub, resultsYaml } from "../../support/in-process-hub.ts";

// A private benchmark counts only for the private models of its owner: anyone who can read a public model must not
// learn from its results (classification, reasons, "did you mean") that the private benchmark exists.

describeEachDialect("results that name a private benchmark", (getDb) => {
  const get = inProcessHub(getDb);
  let secret: Repo;
  let open: Repo;
  let model: Repo;

  const statuses = async (repo: Repo) =>
    (await get().hub.db.selectFrom("results").select(["dataset_key", "task_id", "status", "reasons", "suggestions"]).where("repo_id", "=", repo.id).where("ref", "=", "refs/heads/main").orderBy("dataset_key").orderBy("task_id").execute())
      .map((r) => ({ on: `${r.dataset_key}:${r.task_id}`, status: r.status, said: `${r.reasons} ${r.suggestions}` }));
  const setPrivate = (repo: Repo, value: boolean) => get().hub.repos.setPrivate(get().owner, { ...repo, private: value ? 0 : 1 }, value);
  const expectIndexEqualsGit = async () => expect(await verifyIndex(get().hub.indexContext, { settleMs: [] })).toEqual([]);

  beforeAll(async () => {
    const { hub, createRepo, commit } = get();
    secret = await createRepo("dataset", "secret-bench");
    await commit(secret, { "eval.yaml": EVAL_YAML });
    open = await createRepo("dataset", "open-bench");
    await commit(open, { "eval.yaml": EVAL_YAML });
    model = await createRepo("model", "pebble");
    await commit(model, { ".eval_results/a.yaml": resultsYaml("acme/secret-bench", { easy: 0.5 }) + resultsYaml("acme/open-bench", { easy: 0.25 }) + resultsYaml("acme/secret-bnch", { hard: 0.1 }) });
    await hub.results.indexAll([secret, open, model]);
    await setPrivate(secret, true);
  });

  it("classifies a public model's result against a private benchmark as unknown, and never names it", async () => {
    const rows = await statuses(model);
    expect(rows.map((r) => [r.on, r.status])).toEqual([["acme/open-bench:easy", "valid"], ["acme/secret-bench:easy", "unknown-benchmark"], ["acme/secret-bnch:hard", "unknown-benchmark"]]);
    // Neither the reasons nor the typo's "did you mean" name the private benchmark (once public, it is suggested: below).
    expect(rows.filter((r) => r.on !== "acme/secret-bench:easy").map((r) => r.said).join(" ")).not.toContain("secret-bench");
    await expectIndexEqualsGit();
  });

  it("counts it for the owner's private models, and again for everyone once the benchmark is public", async () => {
    await setPrivate(model, true);
    model = { ...model, private: 1 };
    expect((await statuses(model)).map((r) => r.status)).toEqual(["valid", "valid", "unknown-benchmark"]);
    await expectIndexEqualsGit();

    await setPrivate(model, false);
    model = { ...model, private: 0 };
    expect((await statuses(model)).map((r) => r.status)).toEqual(["valid", "unknown-benchmark", "unknown-benchmark"]);

    await setPrivate(secret, false);
    const rows = await statuses(model);
    expect(rows.map((r) => r.status)).toEqual(["valid", "valid", "unknown-benchmark"]);
    expect(rows[2]?.said).toContain("acme/secret-bench");
    await expectIndexEqualsGit();
  });

  it("judges a public model's evidence without the private benchmark's task metric, and with it once public", async () => {
    const { hub, createRepo, commit } = get();
    // Inspect's task is `popularity`, its model `ollama/gemma3`, its one metric `accuracy` (1.0).
    const log = readFileSync("../shared/fixtures/inspect-logs/log_read_sample_2025-07.json", "utf8");
    const bench = await createRepo("dataset", "metric-bench");
    await commit(bench, { "eval.yaml": "name: M\ndescription: metric\nevaluation_framework: math-arena\ntasks:\n  - id: popularity\n    metric: hidden_metric_x\n" });
    const gemma = await createRepo("model", "gemma3");
    await commit(gemma, {
      ".eval_results/p.yaml": "- dataset:\n    id: acme/metric-bench\n    task_id: popularity\n  value: 1\n  evidence:\n    path: logs/run.json\n",
      "logs/run.json": log,
    });
    await hub.results.indexAll([bench, gemma]);
    await setPrivate(bench, true);
    const detail = async () => (await hub.db.selectFrom("results").select("evidence_detail").where("repo_id", "=", gemma.id).where("ref", "=", "refs/heads/main").executeTakeFirstOrThrow()).evidence_detail;

    expect(await detail()).not.toContain("hidden_metric_x");
    await expectIndexEqualsGit();

    await setPrivate(bench, false);
    expect(await detail()).toContain("log has no metric hidden_metric_x");
    await expectIndexEqualsGit();
  });
});
