import { expect, it } from "vitest";
import { leaderboard, type LeaderboardRequest } from "../../../src/hub/results/leaderboard.ts";
import { RankingCache } from "../../../src/hub/results/ranking-cache.ts";
import type { Repo } from "../../../src/hub/repos.ts";
import { describeEachDialect } from "../../support/dialects.ts";
import { EVAL_YAML, inProcessHub, resultsYaml } from "../../support/in-process-hub.ts";

describeEachDialect("the ranking cache", (getDb) => {
  const bumpVersion = () => getDb().db.updateTable("read_version").set((eb) => ({ version: eb("version", "+", 1) })).where("id", "=", 1).execute();

  it("ranks once for concurrent callers and again only when the read version moves", async () => {
    const cache = new RankingCache();
    let ranked = 0;
    const rank = async () => (ranked++, [3, 1, 2]);
    const firsts = await Promise.all([cache.get(getDb().db, "task", rank), cache.get(getDb().db, "task", rank)]);
    expect(firsts.map((ids) => Array.from(ids))).toEqual([[3, 1, 2], [3, 1, 2]]);
    await cache.get(getDb().db, "task", rank);
    expect(ranked).toBe(1);
    await cache.get(getDb().db, "other task", rank);
    expect(ranked).toBe(2);
    await bumpVersion();
    await cache.get(getDb().db, "task", rank);
    expect(ranked).toBe(3);
  });
});

describeEachDialect("leaderboard pages cut from one ranking", (getDb) => {
  const get = inProcessHub(getDb);
  let bench: Repo;
  const models: Repo[] = [];
  const request = (limit: number, offset: number): LeaderboardRequest => ({
    datasetRepo: bench, taskId: "easy", includeCommunity: true, verifiedOnly: false, baseModelOnly: false, maxParams: null, asOf: null, limit, offset, viewer: { kind: "anonymous" },
  });
  const names = async (limit: number, offset: number) => {
    const board = await leaderboard(get().hub.db, request(limit, offset));
    return { total: board.total, rows: board.rows.map((row) => `${row.rank}:${row.name}:${row.value}`) };
  };

  it("gives pages that join into the whole board, each with the whole total, and sees a new score at once", async () => {
    const { hub, createRepo, commit } = get();
    bench = await createRepo("dataset", "bench");
    await commit(bench, { "eval.yaml": EVAL_YAML });
    for (const [i, value] of [0.4, 0.9, 0.1, 0.7, 0.5].entries()) {
      const model = await createRepo("model", `m${i}`);
      await commit(model, { ".eval_results/a.yaml": resultsYaml("acme/bench", { easy: value }) });
      models.push(model);
    }
    await hub.results.indexAll([bench, ...models]);
    const whole = await names(10, 0);
    expect(whole).toEqual({ total: 5, rows: ["1:m1:0.9", "2:m3:0.7", "3:m4:0.5", "4:m0:0.4", "5:m2:0.1"] });
    const pages = [await names(2, 0), await names(2, 2), await names(2, 4)];
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5]);
    expect(pages.flatMap((p) => p.rows)).toEqual(whole.rows);
    expect(await names(2, 5)).toEqual({ total: 5, rows: [] });

    const model = models[2];
    if (model === undefined) throw new Error("five models were made");
    await commit(model, { ".eval_results/b.yaml": resultsYaml("acme/bench", { easy: 0.95 }) });
    await hub.results.indexAll([model]);
    expect(await names(2, 0)).toEqual({ total: 5, rows: ["1:m2:0.95", "2:m1:0.9"] });
  });
});
