import { expect, it } from "vitest";
import { describeEachDialectWithHub, type HubProcess } from "../support/hub-process.ts";
import { commitTo } from "../support/results-hub.ts";
import { WebClient, csrfTokenIn } from "../support/web-client.ts";
import { call, createRepoAs } from "../support/write-api.ts";

// Leaderboards and model results are answered from a cache keyed by the database's read version: a write the
// answer depends on must show at once, and an unchanged answer revalidates with a 304. Pages keep the part they
// compute from the index in the same cache, per viewer.

const evalYaml = "name: Cache\ndescription: read cache test\nevaluation_framework: nanofold\ntasks:\n  - id: t1\n";
const results = (board: string, value: number) => `- dataset:\n    id: ${board}\n    task_id: t1\n  value: ${value}\n`;

/** Makes `<owner>/board`, a benchmark with one task t1. */
async function benchmarkBoard(hub: HubProcess, token: string, owner: string): Promise<string> {
  await createRepoAs(hub, token, `${owner}/board`, { kind: "dataset" });
  await commitTo(hub, token, `${owner}/board`, { "eval.yaml": evalYaml }, { kind: "dataset" });
  return `${owner}/board`;
}

describeEachDialectWithHub("read cache", (getHub) => {
  it("answers again with a 304 until a write changes the leaderboard, then shows the write", async () => {
    const hub = getHub();
    const token = await hub.createUser("cacher");
    const board = await benchmarkBoard(hub, token, "cacher");
    await createRepoAs(hub, token, "cacher/m1");
    await commitTo(hub, token, "cacher/m1", { ".eval_results/r.yaml": results(board, 50) });
    const path = `/api/datasets/${board}/leaderboard?task_id=t1`;

    const first = await call(hub, "GET", path);
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^W\/"r\d+-/);
    expect(((await first.json()) as { value: number }[]).map((r) => r.value)).toEqual([50]);
    const again = await call(hub, "GET", path, { headers: { "if-none-match": etag ?? "" } });
    expect(again.status).toBe(304);

    await commitTo(hub, token, "cacher/m1", { ".eval_results/r.yaml": results(board, 70) });
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

describeEachDialectWithHub("read cache across writes", (getHub) => {
  it("keeps another model's answer through a write to one model, and answers anew for the written model and its board", async () => {
    const hub = getHub();
    const token = await hub.createUser("scoper");
    const boardId = await benchmarkBoard(hub, token, "scoper");
    const scored = (value: number) => results(boardId, value);
    for (const name of ["written", "untouched"]) {
      await createRepoAs(hub, token, `scoper/${name}`);
      await commitTo(hub, token, `scoper/${name}`, { ".eval_results/r.yaml": scored(10) });
    }
    const board = `/api/datasets/${boardId}/leaderboard?task_id=t1`;
    const values = async (res: Response) => ((await res.json()) as { value: number }[]).map((r) => r.value).sort((a, b) => a - b);
    const etagOf = async (path: string) => (await call(hub, "GET", path)).headers.get("etag") ?? "";
    const untouchedEtag = await etagOf("/api/models/scoper/untouched/eval-results");
    const writtenEtag = await etagOf("/api/models/scoper/written/eval-results");
    const boardEtag = await etagOf(board);

    await commitTo(hub, token, "scoper/written", { ".eval_results/r.yaml": scored(20) });
    const untouched = await call(hub, "GET", "/api/models/scoper/untouched/eval-results", { headers: { "if-none-match": untouchedEtag } });
    expect(untouched.status).toBe(304);
    const written = await call(hub, "GET", "/api/models/scoper/written/eval-results", { headers: { "if-none-match": writtenEtag } });
    expect(written.status).toBe(200);
    expect(await values(written)).toEqual([20]);
    const after = await call(hub, "GET", board, { headers: { "if-none-match": boardEtag } });
    expect(after.status).toBe(200);
    expect(await values(after)).toEqual([10, 20]);

    // A write that does not say what it changed (here, moderation) drops every answer.
    const entry = ((await (await call(hub, "GET", "/api/models/scoper/written/eval-results")).json()) as { ref: string; filename: string; contentHash: string }[])[0]!;
    const hide = await call(hub, "POST", "/api/models/scoper/written/eval-results/hide", { token, json: { ref: entry.ref, filename: entry.filename, contentHash: entry.contentHash, reason: "test" } });
    expect(hide.status).toBe(200);
    expect((await call(hub, "GET", "/api/models/scoper/untouched/eval-results", { headers: { "if-none-match": untouchedEtag } })).status).toBe(200);
  });
});

describeEachDialectWithHub("page cache", (getHub) => {
  it("keeps a page's results per viewer, never hands one session's CSRF token to another, and shows a write at once", async () => {
    const hub = getHub();
    const joinAs = async (browser: WebClient, name: string) => {
      const csrf = await browser.csrfFrom("/join");
      expect((await browser.post("/join", { username: name, password: `${name} password`, password_again: `${name} password`, _csrf: csrf })).status).toBe(303);
    };
    const owner = new WebClient(hub);
    await joinAs(owner, "pager");
    const issued = await (await owner.post("/settings/tokens", { name: "t", role: "write", _csrf: await owner.csrfFrom("/settings/tokens") })).text();
    const token = /hf_[A-Za-z0-9]{20,}/.exec(issued)?.[0] ?? "";
    await benchmarkBoard(hub, token, "pager");
    await createRepoAs(hub, token, "pager/m1");
    const two = (a: number, b: number) => `- dataset:\n    id: pager/board\n    task_id: t1\n  value: ${a}\n  notes: kept\n- dataset:\n    id: pager/board\n    task_id: t1\n  value: ${b}\n  notes: the hidden run\n`;
    await commitTo(hub, token, "pager/m1", { ".eval_results/r.yaml": two(41.5, 97.25) });
    const entries = (await (await call(hub, "GET", "/api/models/pager/m1/eval-results")).json()) as { value: number; ref: string; filename: string; contentHash: string }[];
    const hidden = entries.find((e) => e.value === 97.25)!;
    expect((await call(hub, "POST", "/api/models/pager/m1/eval-results/hide", { token, json: { ref: hidden.ref, filename: hidden.filename, contentHash: hidden.contentHash, reason: "wrong run" } })).status).toBe(200);

    const anonymous = async (path: string) => (await fetch(`${hub.url}${path}`, { headers: { accept: "text/html" } })).text();
    // The hidden entry's value is in the public ledger; its notes are shown only with the entry itself.
    expect(await anonymous("/pager/m1")).not.toContain("the hidden run");
    const ownersPage = await (await owner.get("/pager/m1")).text();
    expect(ownersPage).toContain("the hidden run");
    const ownersToken = csrfTokenIn(ownersPage) ?? "";
    expect(ownersPage).toContain(`/pager/m1/results/unhide`);
    // The owner's page was computed after the anonymous one: neither is served to the other.
    const anonymousAgain = await anonymous("/pager/m1");
    expect(anonymousAgain).toContain("41.5");
    expect(anonymousAgain).not.toContain("the hidden run");
    expect(anonymousAgain).not.toContain(ownersToken);
    // The same user in a second session gets forms carrying that session's token, not the first one's.
    const second = new WebClient(hub);
    expect((await second.post("/login", { username: "pager", password: "pager password", _csrf: await second.csrfFrom("/login") })).status).toBe(303);
    const secondPage = await (await second.get("/pager/m1")).text();
    expect(secondPage).toContain("the hidden run");
    expect(csrfTokenIn(secondPage)).toBeDefined();
    expect(csrfTokenIn(secondPage)).not.toBe(ownersToken);
    expect(secondPage).not.toContain(ownersToken);

    expect(await anonymous("/datasets/pager/board")).toContain("41.5");
    await commitTo(hub, token, "pager/m1", { ".eval_results/r.yaml": two(63.75, 97.25) });
    const board = await anonymous("/datasets/pager/board");
    expect(board).toContain("63.75");
    expect(board).not.toContain("41.5");
    expect(await anonymous("/pager/m1")).toContain("63.75");
  });
});
