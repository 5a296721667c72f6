import { beforeAll, expect, it } from "vitest";
import type { Repo } from "../../../src/hub/repos.ts";
import type { ResultsIndexer } from "../../../src/hub/results/indexer.ts";
import { rebuildIndex } from "../../../src/hub/results/rebuild.ts";
import { verifyIndex } from "../../../src/hub/results/verify.ts";
import { describeEachDialect } from "../../support/dialects.ts";
import { EVAL_YAML, inProcessHub, resultsYaml } from "../../support/in-process-hub.ts";

describeEachDialect("rebuilding the results index", (getDb) => {
  const get = inProcessHub(getDb);
  let bench: Repo;
  let still: Repo;
  let moving: Repo;

  beforeAll(async () => {
    const { hub, createRepo, commit } = get();
    bench = await createRepo("dataset", "bench");
    await commit(bench, { "eval.yaml": EVAL_YAML });
    still = await createRepo("model", "still");
    await commit(still, { ".eval_results/a.yaml": resultsYaml("acme/bench", { easy: 0.5 }) });
    moving = await createRepo("model", "moving");
    await commit(moving, { ".eval_results/a.yaml": resultsYaml("acme/bench", { easy: 0.25 }) });
    await hub.results.indexAll([bench, still, moving]);
  });

  /** The hub's indexer, recording what each pass is given and running `between` after the forced pass. */
  function recording(between: () => Promise<unknown> = async () => undefined) {
    const passes: string[][] = [];
    const results: Pick<ResultsIndexer, "indexAll"> = {
      indexAll: async (repos, options) => {
        passes.push(repos.map((r) => r.name));
        const outcome = await get().hub.results.indexAll(repos, options);
        if (options?.force) await between();
        return outcome;
      },
    };
    return { passes, deps: { db: get().hub.db, indexContext: get().hub.indexContext, results } };
  }

  it("checks again only repositories whose refs moved during the forced pass", async () => {
    const { passes, deps } = recording(() => get().commit(moving, { ".eval_results/a.yaml": resultsYaml("acme/bench", { easy: 0.75 }) }));
    const summary = await rebuildIndex(deps);
    expect(summary.failed).toEqual([]);
    expect(passes).toEqual([["bench", "still", "moving"], ["moving"]]);
    expect(await verifyIndex(get().hub.indexContext, { settleMs: [] })).toEqual([]);
    const values = await get().hub.db.selectFrom("results").select("value").where("repo_id", "=", moving.id).execute();
    expect(values.map((v) => v.value)).toEqual([0.75]);
  });

  it("reads no refs in the second pass when nothing moved", async () => {
    const { passes, deps } = recording();
    await rebuildIndex(deps);
    expect(passes).toEqual([["bench", "still", "moving"], []]);
  });
});
