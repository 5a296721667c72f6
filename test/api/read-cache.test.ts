import { expect, it } from "vitest";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { commitTo } from "../support/results-hub.ts";
import { call, createRepoAs } from "../support/write-api.ts";

// Leaderboards and model results are answered from a cache keyed by the database's read version: a write the
// answer depends on must show at once, and an unchanged answer revalidates with a 304.

const evalYaml = "name: Cache\ndescription: read cache test\nevaluation_framework: nanofold\ntasks:\n  - id: t1\n";
const results = (value: number) => `- dataset:\n    id: cacher/board\n    task_id: t1\n  value: ${value}\n`;

describeEachDialectWithHub("read cache", (getHub) => {
  it("answers again with a 304 until a write changes the leaderboard, then shows the write", async () => {
    const hub = getHub();
    const token = await hub.createUser("cacher");
    await createRepoAs(hub, token, "cacher/board", { kind: "dataset" });
    await commitTo(hub, token, "cacher/board", { "eval.yaml": evalYaml }, { kind: "dataset" });
    await createRepoAs(hub, token, "cacher/m1");
    await commitTo(hub, token, "cacher/m1", { ".eval_results/r.yaml": results(50) });
    const path = "/api/datasets/cacher/board/leaderboard?task_id=t1";

    const first = await call(hub, "GET", path);
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^W\/"r\d+-/);
    expect(((await first.json()) as { value: number }[]).map((r) => r.value)).toEqual([50]);
    const again = await call(hub, "GET", path, { headers: { "if-none-match": etag ?? "" } });
    expect(again.status).toBe(304);

    await commitTo(hub, token, "cacher/m1", { ".eval_results/r.yaml": results(70) });
    const after = await call(hub, "GET", path, { headers: { "if-none-match": etag ?? "" } });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    expect(((await after.json()) as { value: number }[]).map((r) => r.value)).toEqual([70]);
    const models = await call(hub, "GET", "/api/models/cacher/m1/eval-results");
    expect(((await models.json()) as { value: number }[]).map((r) => r.value)).toEqual([70]);

    // Visibility is part of what is cached: a repository turned private disappears from its stranger's answer.
    const settings = await call(hub, "PUT", "/api/models/cacher/m1/settings", { token, json: { private: true } });
    expect(settings.status).toBe(200);
    expect(((await (await call(hub, "GET", path)).json()) as unknown[]).length).toBe(0);
    expect((await call(hub, "GET", "/api/models/cacher/m1/eval-results")).status).toBe(404);
    expect(((await (await call(hub, "GET", "/api/models/cacher/m1/eval-results", { token })).json()) as unknown[]).length).toBe(1);
  });
});
