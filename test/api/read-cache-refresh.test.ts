import { expect, it } from "vitest";
import { createApp } from "../../src/api/app.ts";
import { RateLimits } from "../../src/api/rate-limit.ts";
import { ReadCache } from "../../src/api/read-cache.ts";
import { describeEachDialect } from "../support/dialects.ts";
import { EVAL_YAML, inProcessHub, resultsYaml } from "../support/in-process-hub.ts";
import { waitUntil } from "../support/reliability.ts";

// Refresh-ahead (src/api/read-cache.ts): an answer anonymous clients read lately, dropped by a write this process
// made, is computed again at once, so the next client finds it kept. Answers for signed-in viewers are not.

describeEachDialect("read cache refresh-ahead", (getDb) => {
  const inProcess = inProcessHub(getDb);

  it("keeps the new answer of a lately read anonymous URL after a write, before anyone asks, and only that one", async () => {
    const { hub, owner, createRepo, commit } = inProcess();
    const bench = await createRepo("dataset", "ahead-bench");
    await commit(bench, { "eval.yaml": EVAL_YAML });
    const model = await createRepo("model", "ahead-model");
    await commit(model, { ".eval_results/a.yaml": resultsYaml("acme/ahead-bench", { easy: 0.25 }) });
    await hub.results.indexAll([bench, model]);
    const { token } = await hub.accounts.issueToken(owner.user!.id, { name: "reader", role: "read" });

    const cache = new ReadCache(hub.readChanges);
    const app = createApp(hub, { readCache: cache, rateLimits: new RateLimits({ perTokenPerMinute: 0, perAddressPerMinute: 0, loopback: false }) });
    const url = "http://hub.test/api/datasets/acme/ahead-bench/leaderboard?task_id=easy";
    const values = (body: Uint8Array | string) => (JSON.parse(typeof body === "string" ? body : new TextDecoder().decode(body)) as { value: number }[]).map((r) => r.value);
    expect(values(await (await app.request(url)).text())).toEqual([0.25]);
    expect((await app.request(url, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect(cache.held.answers).toBe(2);

    await commit(model, { ".eval_results/a.yaml": resultsYaml("acme/ahead-bench", { easy: 0.75 }) });
    await hub.results.indexRepo(model);
    // Nobody asks through the app: `anonymousAnswer` only looks at what is kept (as the fast read path does).
    let kept: Awaited<ReturnType<ReadCache["anonymousAnswer"]>>;
    await waitUntil("the anonymous answer to be kept again", async () => (kept = await cache.anonymousAnswer(hub.db, url)) !== undefined, 10_000);
    expect(values(kept!.body)).toEqual([0.75]);
    // The signed-in viewer's answer was dropped and stays dropped until that viewer asks.
    expect(cache.held.answers).toBe(1);
  });
});
