import { beforeAll, expect, it } from "vitest";
import type { Repo } from "../../../src/hub/repos.ts";
import { rebuildIndex } from "../../../src/hub/results/rebuild.ts";
import { verifyIndex } from "../../../src/hub/results/verify.ts";
import { describeEachDialect } from "../../support/dialects.ts";
import { EVAL_YAML, inProcessHub, resultsYaml } from "../../support/in-process-hub.ts";

const MAIN = "refs/heads/main";
const FILE = ".eval_results/demo.yaml";
const NO_SETTLING = { settleMs: [] };

describeEachDialect("verifying the results index against git", (getDb) => {
  const get = inProcessHub(getDb);
  let model: Repo;

  beforeAll(async () => {
    const { hub, createRepo, commit, openPullRequest } = get();
    const bench = await createRepo("dataset", "bench");
    await commit(bench, { "eval.yaml": EVAL_YAML });
    model = await createRepo("model", "m1");
    await commit(model, { [FILE]: resultsYaml("acme/bench", { easy: 0.5, hard: 0.25 }), "README.md": "---\nbase_model: acme/base\n---\n" });
    await commit(model, { ".eval_results/pr.yaml": resultsYaml("acme/bench", { easy: 0.75 }) }, "refs/pr/1");
    await openPullRequest(model, 1);
    await hub.results.indexAll([bench, model]);
  });

  const countResults = async () => Number((await get().hub.db.selectFrom("results").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

  it("finds nothing to report on a consistent index", async () => {
    expect(await verifyIndex(get().hub.indexContext, NO_SETTLING)).toEqual([]);
  });

  it("names each changed, missing, extra and stale row, and a rebuild repairs them all", async () => {
    const { db } = get().hub;
    const indexedRows = await countResults();
    const rows = await db.selectFrom("results").selectAll().where("repo_id", "=", model.id).where("ref", "=", MAIN).orderBy("entry_index").execute();
    const [first, second] = rows;
    if (!first || !second) throw new Error("expected two indexed rows on main");
    await db.updateTable("results").set({ value: 0.9 }).where("id", "=", first.id).execute();
    await db.deleteFrom("results").where("id", "=", second.id).execute();
    const { id: _id, ...copy } = first;
    await db.insertInto("results").values({ ...copy, ref: "refs/pr/7", pr_num: 7 }).execute();
    await db.updateTable("index_refs").set({ commit: "0".repeat(40) }).where("repo_id", "=", model.id).where("ref", "=", MAIN).execute();
    await db.updateTable("model_meta").set({ base_model: "someone/else" }).where("repo_id", "=", model.id).execute();
    await db.updateTable("benchmarks").set({ valid: 0 }).execute();

    const differences = await verifyIndex(get().hub.indexContext, NO_SETTLING);
    const brief = differences.map((d) => [d.table, d.repo, d.key, d.expected === null ? "extra" : d.actual === null ? "missing" : "changed"]);
    expect(brief).toEqual([
      ["benchmarks", "datasets/acme/bench", MAIN, "changed"],
      ["index_refs", "models/acme/m1", MAIN, "changed"],
      ["results", "models/acme/m1", `${MAIN}:${FILE}[0]`, "changed"],
      ["results", "models/acme/m1", `${MAIN}:${FILE}[1]`, "missing"],
      ["results", "models/acme/m1", `refs/pr/7:${FILE}[0]`, "extra"],
      ["model_meta", "models/acme/m1", MAIN, "changed"],
    ]);
    const changedValue = differences[2];
    expect(changedValue?.expected).toMatchObject({ value: 0.5, task_id: "easy", status: "valid" });
    expect(changedValue?.actual).toMatchObject({ value: 0.9, task_id: "easy", status: "valid" });
    expect(differences[0]).toMatchObject({ expected: { valid: 1 }, actual: { valid: 0 } });

    const rebuilt = await rebuildIndex(get().hub);
    expect(rebuilt).toMatchObject({ repositories: 2, datasets: 1, models: 1, refs: 3, results: indexedRows, benchmarks: 1, failed: [] });
    expect(await verifyIndex(get().hub.indexContext, NO_SETTLING)).toEqual([]);
  });

  it("reports the rows of a pull request that is no longer open", async () => {
    const { hub } = get();
    const proposed = await hub.db.selectFrom("results").select(["file_path", "entry_index"]).where("repo_id", "=", model.id).where("ref", "=", "refs/pr/1").orderBy("file_path").orderBy("entry_index").execute();
    expect(proposed.length).toBeGreaterThan(0);
    await hub.db.updateTable("discussions").set({ status: "closed" }).where("repo_id", "=", model.id).where("num", "=", 1).execute();
    const differences = await verifyIndex(hub.indexContext, NO_SETTLING);
    expect(differences.map((d) => [d.table, d.key, d.expected, d.actual === null ? null : "found"])).toEqual([
      ["index_refs", "refs/pr/1", null, "found"],
      ...proposed.map((r) => ["results", `refs/pr/1:${r.file_path}[${r.entry_index}]`, null, "found"]),
    ]);
    await hub.results.indexRepo(model);
    expect(await verifyIndex(hub.indexContext, NO_SETTLING)).toEqual([]);
  });

  it("reports a ref that moved in git without being indexed, unless it is indexed while verify settles", async () => {
    const { hub, commit } = get();
    const moved = await commit(model, { [FILE]: resultsYaml("acme/bench", { easy: 0.6, hard: 0.25 }) });
    const stale = await verifyIndex(hub.indexContext, { settleMs: [50] });
    expect(stale.map((d) => [d.table, d.key])).toEqual([
      ["index_refs", MAIN],
      ["results", `${MAIN}:${FILE}[0]`],
      ["results", `${MAIN}:${FILE}[1]`],
      ["model_meta", MAIN],
    ]);
    expect(stale[0]?.expected).toBe(moved);

    let indexing: Promise<unknown> | undefined;
    const settled = await verifyIndex(hub.indexContext, {
      settleMs: [500],
      onProgress: (done, total) => {
        if (done === total) indexing = hub.results.indexRepo(model);
      },
    });
    await indexing;
    expect(settled).toEqual([]);
  });
});
