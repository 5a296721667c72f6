import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyBodySignature } from "../../src/hub/webhooks/signature.ts";
import { selectedDialects } from "../support/dialect-selection.ts";
import { createTestDatabase, type TestDatabase } from "../support/dialects.ts";
import { postTo } from "../support/discussions.ts";
import { startHub, type HubProcess } from "../support/hub-process.ts";
import { waitUntil } from "../support/reliability.ts";
import { commitTo, errorOf, getJson, modelResults } from "../support/results-hub.ts";
import { WebhookReceiver, type Received } from "../support/webhook-receiver.ts";
import { WebClient } from "../support/web-client.ts";
import { call, createRepoAs } from "../support/write-api.ts";

// Webhooks end to end: a real hub process delivering to a local node:http receiver, with fast retries.

const SECRET = "a-long-enough-test-secret";

interface DeliveryBody {
  deliveryId: string;
  event: string;
  status: string;
  attempts: number;
  log: { attempt: number; statusCode: number | null; error: string | null }[];
}

const resultsYaml = (...entries: [string, string, number][]) => entries.map(([dataset, task, value]) => `- dataset:\n    id: ${dataset}\n    task_id: ${task}\n  value: ${value}\n`).join("");
const evalYaml = "name: Hook bench\ndescription: A benchmark for webhook tests\nevaluation_framework: math-arena\ntasks:\n  - id: t1\n";

for (const dialect of selectedDialects()) {
  describe(`${dialect}: webhooks`, () => {
    let hub: HubProcess;
    let database: TestDatabase;
    const receiver = new WebhookReceiver();
    let owner = "";
    let stranger = "";
    let flakyId = 0;

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      hub = await startHub({ dialect, databaseUrl: database.url, env: { EVALHUB_WEBHOOK_BACKOFF_MS: "100", EVALHUB_WEBHOOK_POLL_MS: "100", EVALHUB_WEBHOOK_TIMEOUT_MS: "5000", EVALHUB_WEBHOOK_ALLOWED_HOSTS: "loopback" } });
      await receiver.start();
      owner = await hub.createUser("hooker");
      stranger = await hub.createUser("hookstranger");
    });
    afterAll(async () => {
      await hub?.stop();
      await receiver.stop();
      if (hub) await rm(hub.dataDir, { recursive: true, force: true });
      await database?.destroy();
    });

    const subscribe = (token: string | undefined, json: unknown) => call(hub, "POST", "/api/webhooks", { token, json });
    async function subscribeOk(json: Record<string, unknown>): Promise<number> {
      const res = await subscribe(owner, { secret: SECRET, ...json });
      const text = await res.text();
      expect(res.status, text).toBe(201);
      return (JSON.parse(text) as { id: number }).id;
    }
    const events = (got: Received[]) => got.map((r) => r.body.event).sort();

    it("refuses URLs that are not http(s), strangers, and anonymous callers, with JSON errors", async () => {
      await createRepoAs(hub, owner, "hooker/guarded");
      await createRepoAs(hub, owner, "hooker/secret-model", { private: true });
      const target = { kind: "repo", type: "model", id: "hooker/guarded" };
      for (const url of ["file:///etc/passwd", "javascript:alert(1)", "ftp://example.org/x", "not a url"]) {
        const refused = await errorOf(await subscribe(owner, { target, url }));
        expect(refused, url).toMatchObject({ status: 400, code: "BadWebhookUrl" });
      }
      expect(await errorOf(await subscribe(stranger, { target, url: receiver.url }))).toMatchObject({ status: 403, code: "Forbidden" });
      expect(await errorOf(await subscribe(stranger, { target: { ...target, id: "hooker/secret-model" }, url: receiver.url }))).toMatchObject({ status: 404, code: "RepoNotFound" });
      expect(await errorOf(await subscribe(stranger, { target: { kind: "org", name: "hooker" }, url: receiver.url }))).toMatchObject({ status: 403 });
      expect((await errorOf(await subscribe(undefined, { target, url: receiver.url }))).status).toBe(401);
      expect(await errorOf(await subscribe(owner, { target, url: receiver.url, events: ["result.exploded"] }))).toMatchObject({ status: 400 });
      // Another account's subscription is a 404, like one that does not exist.
      const id = await subscribeOk({ target, url: `${receiver.url}/unused` });
      expect(await errorOf(await call(hub, "GET", `/api/webhooks/${id}/deliveries`, { token: stranger }))).toMatchObject({ status: 404, code: "WebhookNotFound" });
      expect((await errorOf(await call(hub, "DELETE", `/api/webhooks/${id}`, { token: stranger }))).status).toBe(404);
      expect((await getJson<{ id: number }[]>(hub, "/api/webhooks", { token: owner })).map((w) => w.id)).toContain(id);
      expect((await call(hub, "DELETE", `/api/webhooks/${id}`, { token: owner })).status).toBe(200);
      expect((await errorOf(await call(hub, "GET", `/api/webhooks/${id}`, { token: owner }))).status).toBe(404);
    });

    it("signs each delivery, retries a failing receiver with backoff, and logs every attempt", async () => {
      await createRepoAs(hub, owner, "hooker/flaky-model");
      const id = await subscribeOk({ target: { kind: "repo", type: "model", id: "hooker/flaky-model" }, url: `${receiver.url}/flaky`, events: ["result.added"] });
      flakyId = id;
      receiver.failFirst("/flaky", 2);
      const { commit } = await commitTo(hub, owner, "hooker/flaky-model", { ".eval_results/hook.yaml": resultsYaml(["hooker/hook-bench", "t1", 0.5]) });

      const got = await receiver.waitFor("/flaky", (r) => r.some((x) => x.answered === 200));
      expect(got.map((r) => r.answered)).toEqual([500, 500, 200]);
      for (const request of got) {
        expect(verifyBodySignature(SECRET, request.raw, request.headers["x-evalhub-signature"] as string)).toBe(true);
        expect(verifyBodySignature("another-secret-entirely", request.raw, request.headers["x-evalhub-signature"] as string)).toBe(false);
        expect(request.headers["x-evalhub-event"]).toBe("result.added");
        expect(request.headers["x-evalhub-delivery"]).toBe(got[0]!.body.delivery);
        expect(Number.isNaN(Date.parse(String(request.headers["x-evalhub-timestamp"])))).toBe(false);
        expect(request.headers["content-type"]).toBe("application/json");
      }
      expect(got[0]!.body).toMatchObject({ event: "result.added", repo: { type: "model", id: "hooker/flaky-model" }, result: { ref: "refs/heads/main", commit, datasetId: "hooker/hook-bench", taskId: "t1", value: 0.5 } });

      // The receiver answers before the hub records the attempt, so the log may trail it briefly.
      let log: DeliveryBody[] = [];
      await waitUntil("the delivery to be recorded as finished", async () => {
        log = await getJson<DeliveryBody[]>(hub, `/api/webhooks/${id}/deliveries`, { token: owner });
        return log.length > 0 && log.every((d) => d.status !== "delivering");
      }, 30_000);
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({ deliveryId: got[0]!.body.delivery, event: "result.added", status: "succeeded", attempts: 3 });
      expect(log[0]!.log.map((a) => [a.attempt, a.statusCode])).toEqual([[1, 500], [2, 500], [3, 200]]);
      expect(log[0]!.log[0]!.error).toBe("HTTP 500");
    });

    it("shows a signed-in user their subscriptions and delivery log as pages, and nobody else's", async () => {
      const browser = new WebClient(hub);
      const csrf = await browser.csrfFrom("/join");
      expect((await browser.post("/join", { username: "hookweb", password: "hookweb password", password_again: "hookweb password", _csrf: csrf })).status).toBe(303);
      const issued = await (await browser.post("/settings/tokens", { name: "hooks", role: "write", _csrf: await browser.csrfFrom("/settings/tokens") })).text();
      const token = /hf_[A-Za-z0-9]{20,}/.exec(issued)?.[0] ?? "";
      await createRepoAs(hub, token, "hookweb/web-model");
      const res = await subscribe(token, { target: { kind: "repo", type: "model", id: "hookweb/web-model" }, url: `${receiver.url}/web?<b>`, secret: SECRET });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: number };
      await commitTo(hub, token, "hookweb/web-model", { ".eval_results/w.yaml": resultsYaml(["hooker/hook-bench", "t1", 0.3]) });
      const [delivered] = await receiver.waitFor("/web?%3Cb%3E", (r) => r.length > 0);

      const list = await (await browser.get("/settings/webhooks")).text();
      expect(list).toContain(`/settings/webhooks/${id}`);
      expect(list).toContain("hookweb/web-model");
      expect(list).not.toContain("<b>");
      const page = await browser.get(`/settings/webhooks/${id}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain(delivered!.body.delivery);
      expect(html).toContain("result.added");
      expect((await browser.get(`/settings/webhooks/${flakyId}`)).status).toBe(404);
      const anonymous = await fetch(`${hub.url}/settings/webhooks/${id}`, { redirect: "manual" });
      expect(anonymous.status).toBe(303);
    });

    it("announces pull requests, results of a benchmark, conflicts and hidden results", async () => {
      await createRepoAs(hub, owner, "hooker/hook-bench", { kind: "dataset" });
      await commitTo(hub, owner, "hooker/hook-bench", { "eval.yaml": evalYaml }, { kind: "dataset" });
      await createRepoAs(hub, owner, "hooker/pr-model");
      await subscribeOk({ target: { kind: "org", name: "hooker" }, url: `${receiver.url}/namespace`, events: ["pull_request.opened", "pull_request.merged", "pull_request.closed"] });
      await subscribeOk({ target: { kind: "benchmark", id: "hooker/hook-bench" }, url: `${receiver.url}/bench` });
      // A stranger's private model is no business of the benchmark's subscribers.
      await createRepoAs(hub, stranger, "hookstranger/hidden-model", { private: true });
      await commitTo(hub, stranger, "hookstranger/hidden-model", { ".eval_results/x.yaml": resultsYaml(["hooker/hook-bench", "t1", 0.9]) });

      const opened = await commitTo(hub, stranger, "hooker/pr-model", { ".eval_results/pr.yaml": resultsYaml(["hooker/hook-bench", "t1", 0.61]) }, { createPr: true });
      expect(opened.pr).not.toBeNull();
      await receiver.waitFor("/namespace", (r) => r.some((x) => x.body.event === "pull_request.opened"));
      expect((await postTo(hub, owner, "hooker/pr-model", opened.pr!, "merge")).status).toBe(200);
      const prs = await receiver.waitFor("/namespace", (r) => r.some((x) => x.body.event === "pull_request.merged"));
      expect(events(prs)).toEqual(["pull_request.merged", "pull_request.opened"]);
      expect(prs.find((r) => r.body.event === "pull_request.merged")!.body).toMatchObject({ repo: { id: "hooker/pr-model" }, pullRequest: { num: opened.pr, status: "merged" }, sender: "hooker" });

      const declined = await commitTo(hub, stranger, "hooker/pr-model", { ".eval_results/nope.yaml": resultsYaml(["hooker/hook-bench", "t1", 0.99]) }, { createPr: true });
      expect((await postTo(hub, owner, "hooker/pr-model", declined.pr!, "status", { status: "closed" })).status).toBe(200);
      const closed = (await receiver.waitFor("/namespace", (r) => r.some((x) => x.body.event === "pull_request.closed"))).find((x) => x.body.event === "pull_request.closed")!;
      expect(closed.body).toMatchObject({ pullRequest: { num: declined.pr, status: "closed" }, sender: "hooker" });

      // The merge put a result on main; a second entry far from it is a conflict.
      await commitTo(hub, owner, "hooker/pr-model", { ".eval_results/more.yaml": resultsYaml(["hooker/hook-bench", "t1", 0.2]) });
      type ConflictBody = { conflict: { model: string; entries: { value: number; pullRequest: number | null }[] } };
      const conflictValues = (r: Received) => (r.body as unknown as ConflictBody).conflict.entries.map((e) => e.value).sort().join(",");
      const bench = await receiver.waitFor("/bench", (r) => r.some((x) => x.body.event === "conflict.opened" && conflictValues(x) === "0.2,0.61"));
      const conflicts = bench.filter((r) => r.body.event === "conflict.opened");
      // The declined pull request's 0.99 conflicted with main's 0.61 while it was open; each conflict is announced once.
      expect(conflicts.map(conflictValues).sort()).toEqual(["0.2,0.61", "0.61,0.99"]);
      expect((conflicts[0]!.body as unknown as ConflictBody).conflict.model).toBe("hooker/pr-model");
      expect(bench.filter((r) => r.body.event === "result.added").map((r) => (r.body as { result?: { value?: number } }).result?.value).sort()).toEqual([0.2, 0.61]);
      expect(bench.some((r) => JSON.stringify(r.body).includes("hidden-model"))).toBe(false);
      // The benchmark's subscribers hear of pull requests proposing scores for it.
      expect(events(bench.filter((r) => r.body.event.startsWith("pull_request.")))).toEqual(["pull_request.closed", "pull_request.merged", "pull_request.opened", "pull_request.opened"]);

      const rows = await modelResults(hub, "hooker/pr-model", owner);
      const low = rows.find((r) => r.value === 0.2 && r.ref === "refs/heads/main")!;
      const hide = await call(hub, "POST", "/api/models/hooker/pr-model/eval-results/hide", { token: owner, json: { ref: low.ref, filename: low.filename, contentHash: low.contentHash, reason: "a typo" } });
      expect(hide.status, await hide.clone().text()).toBe(200);
      const hidden = (await receiver.waitFor("/bench", (r) => r.some((x) => x.body.event === "result.hidden"))).find((r) => r.body.event === "result.hidden")!;
      expect(hidden.body).toMatchObject({ reason: "a typo", sender: "hooker", result: { contentHash: low.contentHash, value: 0.2 } });
      // Organisation subscription asked for pull requests only.
      expect(receiver.at("/namespace").every((r) => r.body.event.startsWith("pull_request."))).toBe(true);
    });
  });
}
