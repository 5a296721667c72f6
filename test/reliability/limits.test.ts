import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { startServer, type RunningServer } from "../../src/server.ts";
import { describeEachDialect } from "../support/dialects.ts";
import { newAdminToken } from "../support/hub-process.ts";
import { EVAL_YAML } from "../support/in-process-hub.ts";
import { writeZip } from "../support/zip-writer.ts";
import { cli, cliOk, tempDir } from "../git/fixtures.ts";

// Limits a server enforces for everyone, on real HTTP servers in this process (each with its own settings, one
// database and data folder). Limits already tested elsewhere are listed in docs/reliability.md, not repeated here.

const ndjson = (...lines: unknown[]) => lines.map((l) => JSON.stringify(l)).join("\n");
const file = (path: string, content: string | Uint8Array) => ({ key: "file", value: { path, content: Buffer.from(content).toString("base64"), encoding: "base64" } });
const header = (summary: string) => ({ key: "header", value: { summary, description: "" } });

async function expectRefusal(res: Response, status: number, code: string): Promise<{ error: string }> {
  expect(res.status).toBe(status);
  expect(res.headers.get("x-error-code")).toBe(code);
  const body = (await res.json()) as { error: string };
  expect(body.error).toEqual(expect.any(String));
  return body;
}

describeEachDialect("limits every request is held to", (getDb) => {
  let dataDir: string;
  const servers: Record<string, RunningServer> = {};
  const adminToken = newAdminToken();
  const start = async (name: string, env: Record<string, string>) => {
    const config = loadConfig({ EVALHUB_DATA: dataDir, DATABASE_URL: getDb().url, EVALHUB_ADMIN_TOKEN: adminToken, PORT: "0", LOG_LEVEL: "silent", ...env });
    servers[name] = await startServer(config, () => undefined);
  };
  const at = (name: string, path: string, init: RequestInit = {}) => fetch(`${servers[name]?.url}${path}`, init);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "evalhub-limits-"));
    await start("default", {});
    await start("limited", { EVALHUB_RATE_LIMIT_PER_TOKEN: "5", EVALHUB_RATE_LIMIT_PER_ADDRESS: "5", EVALHUB_RATE_LIMIT_LOOPBACK: "1", EVALHUB_MAX_BODY_BYTES: "4096" });
    await start("slow", { EVALHUB_REQUEST_TIMEOUT_MS: "1" });
    await start("small", { EVALHUB_MAX_BODY_BYTES: "65536" });
  });

  afterAll(async () => {
    for (const s of Object.values(servers)) await s.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("limits each token to its rate, answering 429 with Retry-After, without slowing other tokens", async () => {
    const hub = servers.default?.hub;
    const user = await hub!.accounts.createUser({ name: "ratty" });
    const [first, second] = [await hub!.accounts.issueToken(user.id, { name: "a", role: "read" }), await hub!.accounts.issueToken(user.id, { name: "b", role: "read" })];
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await at("limited", "/api/whoami-v2", { headers: bearer(first.token) })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await at("limited", "/api/whoami-v2", { headers: bearer(first.token) });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await expectRefusal(refused, 429, "TooManyRequests")).error).toMatch(/too many requests/);
    expect((await at("limited", "/api/whoami-v2", { headers: bearer(second.token) })).status).toBe(200);
  });

  it("limits requests without a token per address, and guesses of tokens even more", async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await at("limited", "/api/models")).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(Number((await at("limited", "/api/models")).headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const guess = () => at("limited", "/api/whoami-v2", { headers: bearer(`hf_${"x".repeat(34)}`) });
    expect((await guess()).status).toBe(401);
    await expectRefusal(await guess(), 429, "TooManyRequests");
  });

  it("leaves loopback clients alone by default, so a hub's own host and the test suite are never limited", async () => {
    const statuses = new Set<number>();
    for (let i = 0; i < 40; i++) statuses.add((await at("default", "/api/models")).status);
    expect([...statuses]).toEqual([200]);
  });

  it("answers a request that runs past the time limit with a 503 in JSON, not a hang", async () => {
    const created = await at("slow", "/api/repos/create", { method: "POST", headers: { ...bearer(adminToken), "content-type": "application/json" }, body: JSON.stringify({ name: "late", type: "model" }) });
    const body = await expectRefusal(created, 503, "RequestTimeout");
    expect(body.error).toMatch(/check before retrying/);
    expect(created.headers.get("retry-after")).toBe("5");
  });

  it("refuses a request body over EVALHUB_MAX_BODY_BYTES with 413 before reading it all", async () => {
    const res = await at("limited", "/api/models/admin/none/commit/main", { method: "POST", headers: { ...bearer(adminToken), "content-type": "application/x-ndjson" }, body: ndjson(header("big"), file("big.txt", "x".repeat(8192))) });
    await expectRefusal(res, 413, "PayloadTooLarge");
  });

  it("refuses a git push whose pack is over EVALHUB_MAX_BODY_BYTES, moving no ref, and takes a small one", async () => {
    const create = await at("small", "/api/repos/create", { method: "POST", headers: { ...bearer(adminToken), "content-type": "application/json" }, body: JSON.stringify({ name: "pushy", type: "model" }) });
    expect(create.status).toBe(200);
    const url = new URL(`${servers.small?.url}/admin/pushy`);
    url.username = "git";
    url.password = adminToken;
    const git = (cwd: string, args: string[]) => cli(cwd, ["-c", "credential.helper=", ...args]);
    const work = join(await tempDir(), "work");
    await cliOk(join(work, ".."), ["-c", "credential.helper=", "clone", "--quiet", url.toString(), "work"]);
    const before = await cliOk(work, ["ls-remote", url.toString(), "refs/heads/main"]);

    // Random bytes do not compress: the pack is at least this large.
    await writeFile(join(work, "weights.bin"), randomBytes(256 * 1024));
    await cliOk(work, ["add", "weights.bin"]);
    await cliOk(work, ["commit", "--quiet", "-m", "too big"]);
    const refused = await git(work, ["push", "origin", "main"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/pack exceeds maximum allowed size/);
    expect(await cliOk(work, ["ls-remote", url.toString(), "refs/heads/main"])).toBe(before);

    await cliOk(work, ["reset", "--quiet", "--hard", "HEAD~1"]);
    await writeFile(join(work, "notes.md"), "small\n");
    await cliOk(work, ["add", "notes.md"]);
    await cliOk(work, ["commit", "--quiet", "-m", "small"]);
    const head = (await cliOk(work, ["rev-parse", "HEAD"])).trim();
    expect((await git(work, ["push", "origin", "main"])).code).toBe(0);
    expect(await cliOk(work, ["ls-remote", url.toString(), "refs/heads/main"])).toBe(`${head}\trefs/heads/main\n`);
  });

  it("judges a zip bomb given as evidence unusable, without inflating it, and indexes the rest", async () => {
    // 16 MiB of zeros that say they are 2 bytes (built first: compressing blocks this process, and its servers).
    const bomb = writeZip([{ name: "header.json", data: new Uint8Array(16 * 1024 * 1024), declaredSize: 2 }]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const h = { ...bearer(adminToken), "content-type": "application/json" };
    expect((await at("default", "/api/repos/create", { method: "POST", headers: h, body: JSON.stringify({ name: "bench", type: "dataset" }) })).status).toBe(200);
    const benchCommit = await at("default", "/api/datasets/admin/bench/commit/main", { method: "POST", headers: { ...bearer(adminToken), "content-type": "application/x-ndjson" }, body: ndjson(header("bench"), file("eval.yaml", EVAL_YAML)) });
    expect(benchCommit.status).toBe(200);
    expect((await at("default", "/api/repos/create", { method: "POST", headers: h, body: JSON.stringify({ name: "bomber", type: "model" }) })).status).toBe(200);
    const entry = `- dataset:\n    id: admin/bench\n    task_id: easy\n  value: 0.5\n  evidence:\n    path: logs/bomb.eval\n`;
    const res = await at("default", "/api/models/admin/bomber/commit/main", { method: "POST", headers: { ...bearer(adminToken), "content-type": "application/x-ndjson" }, body: ndjson(header("bomb"), file("logs/bomb.eval", bomb), file(".eval_results/bomb.yaml", entry)) });
    expect(res.status, await res.clone().text()).toBe(200);
    const results = await at("default", "/api/models/admin/bomber/eval-results");
    expect(results.status).toBe(200);
    const text = await results.text();
    expect(text, text).toContain("unusable");
    expect(text).not.toContain("log-checked");
  });
});
