import { createServer, request, type IncomingHttpHeaders, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createApp } from "../../src/api/app.ts";
import { fastReads } from "../../src/api/fast-reads.ts";
import { RateLimits } from "../../src/api/rate-limit.ts";
import { ReadCache } from "../../src/api/read-cache.ts";
import { describeEachDialect } from "../support/dialects.ts";
import { EVAL_YAML, inProcessHub, resultsYaml } from "../support/in-process-hub.ts";

// Cache hits of anonymous reads are answered before Hono (src/api/fast-reads.ts). They must be the same answer,
// with the same headers, as Hono gives, and obey the same rate limit; everything else must reach Hono.

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP/1.1 GET (fetch would normalise the path, and some tests need it sent as written). */
function get(server: Server, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end();
  });
}

const answerHeaders = (answer: Answer) => {
  const { date: _date, "x-request-id": _id, ...rest } = answer.headers;
  return rest;
};

describeEachDialect("the fast read path", (getDb) => {
  const inProcess = inProcessHub(getDb);
  let server: Server;
  let honoCalls: string[];
  let listen: (limits: RateLimits) => Promise<Server>;
  const close = (s: Server) => new Promise<void>((resolve) => s.close(() => resolve()));
  const board = "/api/datasets/acme/fast-bench/leaderboard?task_id=easy";

  beforeAll(async () => {
    const { hub, createRepo, commit } = inProcess();
    const bench = await createRepo("dataset", "fast-bench");
    await commit(bench, { "eval.yaml": EVAL_YAML });
    const model = await createRepo("model", "fast-model");
    await commit(model, { ".eval_results/a.yaml": resultsYaml("acme/fast-bench", { easy: 0.5 }) });
    await hub.results.indexAll([bench, model]);
    // A server as src/api/http-server.ts builds it, with the calls that reach Hono recorded.
    listen = async (limits) => {
      const cache = new ReadCache();
      const hono = getRequestListener(createApp(hub, { readCache: cache, rateLimits: limits }).fetch);
      const recordingHono: RequestListener = (req, res) => (honoCalls.push(req.url ?? ""), hono(req, res));
      const listening = createServer(fastReads(hub, cache, limits, recordingHono));
      await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
      return listening;
    };
    server = await listen(new RateLimits({ perTokenPerMinute: 0, perAddressPerMinute: 0, loopback: false }));
  });
  afterAll(() => close(server));

  it("answers a repeated anonymous read itself, with Hono's status, body and headers", async () => {
    honoCalls = [];
    const first = await get(server, board);
    const second = await get(server, board);
    expect(honoCalls).toEqual([board]);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toMatchObject([{ value: 0.5 }]);
    expect(second).toEqual({ ...first, headers: second.headers });
    expect(answerHeaders(second)).toEqual(answerHeaders(first));
    expect(second.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.headers["x-request-id"]).not.toBe(first.headers["x-request-id"]);
    expect((await get(server, board, { "x-request-id": "trace-7" })).headers["x-request-id"]).toBe("trace-7");
  });

  it("gives the same 304 as Hono to a client holding the answer", async () => {
    const { headers } = await get(server, board);
    honoCalls = [];
    const fast = await get(server, board, { "if-none-match": String(headers.etag) });
    // A "<" in the query is sent raw: Hono takes it (encoded, as the cached URL has it); the fast path does not.
    const viaHono = await get(server, `${board}&x=<`, { "if-none-match": "nothing" });
    const cachedFirst = await get(server, `${board}&x=%3C`);
    const hono304 = await get(server, `${board}&x=<`, { "if-none-match": String(cachedFirst.headers.etag) });
    expect(honoCalls).toEqual([`${board}&x=<`, `${board}&x=<`]);
    expect(viaHono.status).toBe(200);
    expect(fast.status).toBe(304);
    expect(hono304.status).toBe(304);
    expect(Object.keys(answerHeaders(fast)).sort()).toEqual(Object.keys(answerHeaders(hono304)).sort());
    expect(fast.body).toBe("");
  });

  it("leaves to Hono requests with a token, other methods, unusual paths, and web pages", async () => {
    await get(server, "/acme/fast-bench");
    await get(server, "/acme/fast-bench");
    honoCalls = [];
    const withToken = await get(server, board, { authorization: "Bearer hf_not_a_real_token" });
    await get(server, "/api/datasets/acme/x/../fast-bench/leaderboard?task_id=easy");
    await get(server, "/acme/fast-bench");
    expect(withToken.status).toBe(401);
    expect(honoCalls).toEqual([board, "/api/datasets/acme/x/../fast-bench/leaderboard?task_id=easy", "/acme/fast-bench"]);
  });

  it("counts its answers against the address's rate limit, shared with Hono's, and leaves the 429 to Hono", async () => {
    // Three requests a minute per address, loopback included: the first is a miss (Hono), the next two are fast.
    const strict = await listen(new RateLimits({ perTokenPerMinute: 0, perAddressPerMinute: 3, loopback: true }));
    try {
      honoCalls = [];
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await get(strict, board)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(honoCalls).toEqual([board, board]);
    } finally {
      await close(strict);
    }
  });
});
