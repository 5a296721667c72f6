import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { AllowedAddresses } from "../../../src/hub/webhooks/allowed-addresses.ts";
import { EventFeed } from "../../../src/hub/webhooks/event-feed.ts";
import { SecretBox } from "../../../src/hub/webhooks/secret-box.ts";
import { checkUrl } from "../../../src/hub/webhooks/subscriptions.ts";
import { retryDelay, WebhookWorker } from "../../../src/hub/webhooks/worker.ts";
import { describeEachDialect } from "../../support/dialects.ts";
import { inProcessHub, resultsYaml } from "../../support/in-process-hub.ts";
import { WebhookReceiver } from "../../support/webhook-receiver.ts";

// The delivery worker on its own: two workers on one database never send the same job twice; a receiver that
// never answers well is given up on after the last attempt; secrets are sealed in the database.

// The receiver listens on loopback, which a hub refuses by default: these workers are told to allow it.
const settings = { backoffMs: 10, maxAttempts: 3, timeoutMs: 10_000, pollMs: 50, allowedAddresses: AllowedAddresses.parse("loopback") };

it("backs off exponentially, up to an hour", () => {
  expect([1, 2, 3, 4].map((n) => retryDelay(100, n))).toEqual([100, 200, 400, 800]);
  expect(retryDelay(10_000, 40)).toBe(3_600_000);
});

it("takes only http and https URLs without credentials, and no address the hub refuses to send to", () => {
  const external = AllowedAddresses.parse("external");
  expect(checkUrl("https://example.org/hook", external)).toBe("https://example.org/hook");
  expect(checkUrl("http://93.184.215.14:8080/hook", external)).toBe("http://93.184.215.14:8080/hook");
  for (const bad of ["file:///etc/passwd", "gopher://x", "data:text/plain,x", "https://user:pw@example.org/", "//example.org"]) expect(() => checkUrl(bad, external), bad).toThrow();
  for (const internal of ["http://127.0.0.1:9/x", "http://localhost/x", "http://api.localhost/x", "http://[::1]/x", "http://10.0.0.5/x", "http://169.254.169.254/latest/meta-data", "http://[::ffff:10.0.0.5]/x", "http://0x7f000001/x"]) {
    expect(() => checkUrl(internal, external), internal).toThrow("loopback, private and link-local addresses are refused");
  }
  expect(checkUrl("http://localhost:9/x", AllowedAddresses.parse("loopback"))).toBe("http://localhost:9/x");
});

describeEachDialect("webhook worker", (getDb) => {
  const inProcess = inProcessHub(getDb);
  const receiver = new WebhookReceiver();
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());

  async function subscription(path: string): Promise<number> {
    const { hub, owner } = inProcess();
    if (!(await hub.repos.find({ kind: "model", namespace: "acme", name: "hooked" }))) await inProcess().createRepo("model", "hooked");
    const { subscription: sub, secret } = await hub.webhooks.create(owner, { target: { kind: "repo", type: "model", id: "acme/hooked" }, url: `${receiver.url}${path}`, secret: "sealed-secret-0123456789" });
    expect(secret).toBe("sealed-secret-0123456789");
    const stored = await hub.db.selectFrom("webhooks").select("secret_sealed").where("id", "=", sub.id).executeTakeFirstOrThrow();
    expect(stored.secret_sealed).not.toContain("sealed-secret");
    return sub.id;
  }

  async function enqueue(webhookId: number, count: number): Promise<string[]> {
    const now = new Date().toISOString();
    const ids = Array.from({ length: count }, () => randomUUID());
    await inProcess().hub.db.insertInto("webhook_deliveries").values(ids.map((uuid) => ({
      webhook_id: webhookId, delivery_uuid: uuid, event: "result.added", payload: JSON.stringify({ event: "result.added", delivery: uuid }),
      status: "pending" as const, attempts: 0, next_attempt_at: now, created_at: now, updated_at: now,
    }))).execute();
    return ids;
  }

  async function workers(n: number): Promise<WebhookWorker[]> {
    const { hub } = inProcess();
    const box = await SecretBox.open(hub.config.dataDir);
    return Array.from({ length: n }, () => new WebhookWorker(hub.db, new EventFeed(hub.db, hub.policy), box, settings, pino({ level: "silent" })));
  }

  it("moves its cursors to the end while nothing subscribes, so a later subscriber is not sent older results", async () => {
    const { hub, createRepo, commit } = inProcess();
    await hub.db.updateTable("webhooks").set({ active: 0 }).execute();
    const repo = await createRepo("model", "quiet");
    const maxHistory = async () => Number((await hub.db.selectFrom("result_history").select((eb) => eb.fn.max("id").as("max")).executeTakeFirst())?.max ?? 0);
    const cursor = async () => (await hub.db.selectFrom("webhook_cursors").select("last_id").where("name", "=", "result_history").executeTakeFirst())?.last_id;
    // A cursor left behind by an earlier subscriber.
    const behind = await maxHistory();
    await hub.db.insertInto("webhook_cursors").values({ name: "result_history", last_id: behind }).onConflict((oc) => oc.column("name").doUpdateSet({ last_id: behind })).execute();
    await commit(repo, { ".eval_results/r.yaml": resultsYaml("acme/board", { easy: 1 }) });
    await hub.results.indexRepo(repo);
    expect(await maxHistory()).toBeGreaterThan(behind);

    const feed = new EventFeed(hub.db, hub.policy);
    expect(await feed.pump()).toBe(0);
    expect(await cursor()).toBe(await maxHistory());

    // A subscriber that arrives now gets only what happens next.
    const { subscription: sub } = await hub.webhooks.create(inProcess().owner, { target: { kind: "repo", type: "model", id: "acme/quiet" }, url: `${receiver.url}/quiet`, secret: "quiet-secret-0123456789" });
    expect(await feed.pump()).toBe(0);
    await commit(repo, { ".eval_results/r.yaml": resultsYaml("acme/board", { easy: 2 }) });
    await hub.results.indexRepo(repo);
    expect(await feed.pump()).toBeGreaterThan(0);
    const sent = await hub.db.selectFrom("webhook_deliveries").select("payload").where("webhook_id", "=", sub.id).execute();
    const values = sent.map((d) => (JSON.parse(d.payload) as { result?: { value?: number } }).result?.value).sort();
    expect(values).not.toContain(1);
    expect(values).toContain(2);
    await hub.db.updateTable("webhooks").set({ active: 0 }).where("id", "=", sub.id).execute();
  });

  it("sends a new subscriber what happens after it subscribed even when the feed first runs later", async () => {
    const { hub, createRepo, commit } = inProcess();
    await hub.db.updateTable("webhooks").set({ active: 0 }).execute();
    // A hub whose feed has never run while someone subscribed: no cursors yet.
    await hub.db.deleteFrom("webhook_cursors").execute();
    const feed = new EventFeed(hub.db, hub.policy);
    expect(await feed.pump()).toBe(0);
    const repo = await createRepo("model", "late");
    const { subscription: sub } = await hub.webhooks.create(inProcess().owner, { target: { kind: "repo", type: "model", id: "acme/late" }, url: `${receiver.url}/late`, secret: "late-secret-0123456789" });
    await commit(repo, { ".eval_results/r.yaml": resultsYaml("acme/board", { easy: 3 }) });
    await hub.results.indexRepo(repo);

    expect(await feed.pump()).toBeGreaterThan(0);
    const sent = await hub.db.selectFrom("webhook_deliveries").select("payload").where("webhook_id", "=", sub.id).execute();
    expect(sent.map((d) => (JSON.parse(d.payload) as { result?: { value?: number } }).result?.value)).toEqual([3]);
    await hub.db.updateTable("webhooks").set({ active: 0 }).where("id", "=", sub.id).execute();
  });

  it("sends each job once per claim when two workers claim from the same table", async () => {
    const ids = await enqueue(await subscription("/twice"), 30);
    const [a, b] = await workers(2);
    await Promise.all([a!.pass(), b!.pass(), a!.pass(), b!.pass()]);
    const got = receiver.at("/twice").map((r) => r.body.delivery);
    expect([...new Set(got)].sort()).toEqual([...ids].sort());
    const attempts = await inProcess().hub.db.selectFrom("webhook_attempts").innerJoin("webhook_deliveries as d", "d.id", "webhook_attempts.delivery_id")
      .select(["d.delivery_uuid", "d.status", "d.attempts", "webhook_attempts.attempt", "webhook_attempts.error"]).where("d.delivery_uuid", "in", ids).orderBy("webhook_attempts.attempt").execute();
    for (const id of ids) {
      const mine = attempts.filter((a) => a.delivery_uuid === id);
      // Delivery is at least once: a receiver that answers too late is sent the job again. But a job is never
      // claimed twice at once: every attempt before the last one failed, and each attempt is one request.
      expect(mine.map((a) => a.attempt)).toEqual(mine.map((_, i) => i + 1));
      expect(mine.slice(0, -1).every((a) => a.error !== null), id).toBe(true);
      expect(mine.at(-1)).toMatchObject({ status: "succeeded", attempts: mine.length, error: null });
      expect(got.filter((g) => g === id)).toHaveLength(mine.length);
    }
  });

  it("with the default rule, sends nothing to loopback, whether the URL names it or a host name resolves to it", async () => {
    const { hub } = inProcess();
    const box = await SecretBox.open(hub.config.dataDir);
    const external = new WebhookWorker(hub.db, new EventFeed(hub.db, hub.policy), box, { ...settings, maxAttempts: 1, allowedAddresses: AllowedAddresses.parse("external") }, pino({ level: "silent" }));
    // Made while loopback was allowed (a site admin narrowed the rule later); `localhost` goes through DNS.
    const byName = await subscription("/by-name");
    await hub.db.updateTable("webhooks").set({ url: receiver.url.replace("127.0.0.1", "localhost") + "/by-name" }).where("id", "=", byName).execute();
    const byAddress = await subscription("/by-address");
    const ids = [...(await enqueue(byName, 1)), ...(await enqueue(byAddress, 1))];
    await external.pass();

    expect([...receiver.at("/by-name"), ...receiver.at("/by-address")]).toEqual([]);
    const attempts = await hub.db.selectFrom("webhook_attempts").innerJoin("webhook_deliveries as d", "d.id", "webhook_attempts.delivery_id")
      .select(["d.delivery_uuid", "d.status", "webhook_attempts.status_code", "webhook_attempts.response_excerpt", "webhook_attempts.error"]).where("d.delivery_uuid", "in", ids).execute();
    expect(attempts).toHaveLength(2);
    for (const attempt of attempts) {
      expect(attempt).toMatchObject({ status: "failed", status_code: null, response_excerpt: null });
      expect(attempt.error).toMatch(/^webhooks may not be sent to (localhost|127\.0\.0\.1): loopback, private and link-local addresses are refused/);
    }
    await hub.db.updateTable("webhooks").set({ active: 0 }).where("id", "in", [byName, byAddress]).execute();
  });

  it("gives up after the last attempt and keeps every attempt in the log", async () => {
    const hookId = await subscription("/down");
    receiver.failFirst("/down", 100);
    const [id] = await enqueue(hookId, 1);
    const [worker] = await workers(1);
    worker!.start();
    try {
      const done = await receiver.waitFor("/down", (r) => r.length >= settings.maxAttempts);
      expect(done).toHaveLength(settings.maxAttempts);
      // The last answer arrived; its record is written right after.
      let deliveries = await inProcess().hub.webhooks.deliveries(inProcess().owner, hookId);
      for (let tries = 0; deliveries[0]?.status !== "failed" && tries < 200; tries++) {
        await sleep(20);
        deliveries = await inProcess().hub.webhooks.deliveries(inProcess().owner, hookId);
      }
      expect(deliveries[0]).toMatchObject({ deliveryId: id, status: "failed", attempts: 3, nextAttemptAt: null, lastStatusCode: 500, lastResponse: "receiver is down" });
      expect(deliveries[0]!.log.map((a) => a.attempt)).toEqual([1, 2, 3]);
    } finally {
      await worker!.stop();
    }
  });
});
