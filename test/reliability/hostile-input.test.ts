import fc from "fast-check";
import type { Hono } from "hono";
import { beforeAll, expect, it } from "vitest";
import { createApp } from "../../src/api/app.ts";
import type { AppEnv } from "../../src/api/env.ts";
import { listRefs } from "../../src/git/refs.ts";
import { verifyIndex } from "../../src/hub/results/verify.ts";
import type { Repo } from "../../src/hub/repos.ts";
import { describeEachDialect } from "../support/dialects.ts";
import { EVAL_YAML, inProcessHub, resultsYaml } from "../support/in-process-hub.ts";
import { atScale, report } from "../support/reliability.ts";

// Property-based fuzzing of every way input reaches the server, through the real app in this process (no socket:
// thousands of cases take seconds). Every answer is below 500; every refusal is a 4xx with `{error}` and
// X-Error-Code (git's own endpoints answer git clients in text, as git expects); a refused write changes no ref.

const RUNS = Number(process.env.FUZZ_RUNS ?? atScale(80, 10_000));
/** Cases that commit (and index) or spawn git for every case are slower: fewer in CI. */
const SLOW_RUNS = Number(process.env.FUZZ_RUNS ?? atScale(20, 10_000));
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const BENCH = "acme/bench";
/**
 * The commit fuzzers move to a fresh model every this many cases: they test input handling, and a model grown by
 * thousands of commits and open pull requests (each commit to main recomputes every open one; a results file
 * without dates walks the history for its time) would make each case slower than the last.
 */
const CASES_PER_MODEL = 250;
const TIMEOUT = { timeout: atScale(300_000, 7_200_000) };

const options = (numRuns: number) => ({ numRuns, seed: SEED, endOnFailure: true });

/** A refusal the clients can read: JSON `{error}` and X-Error-Code; never a server error. */
async function expectCleanAnswer(res: Response, what: string, git = false): Promise<void> {
  const text = await res.text();
  expect(res.status, `${what} → ${res.status} ${text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status < 400 || git) return;
  expect(res.headers.get("x-error-code"), `${what}: X-Error-Code`).toMatch(/^[A-Za-z]+$/);
  const body = JSON.parse(text) as { error?: unknown };
  expect(typeof body.error, `${what}: {error}`).toBe("string");
}

/** Strings that go wrong in paths, YAML, JSON and SQL. */
const nasty = fc.oneof(
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.constantFrom("", ".", "..", "../../etc/passwd", ".git/config", "a/../../b", "/abs", "a//b", "a\0b", "%00", "%2e%2e/x", "\\..\\x", "CON", "a\nb", "x".repeat(5000), "' OR 1=1 --", "<script>alert(1)</script>", "${jndi:x}", "\u202e", "🙂", "a:b", "refs/heads/main", "main~1", "HEAD@{0}", "-rf", "--upload-pack=x"),
  fc.stringMatching(/^[\w./ -]{0,40}$/),
);

const jsonValue = fc.jsonValue({ maxDepth: 4 });

describeEachDialect("hostile input", (getDb) => {
  const env = inProcessHub(getDb);
  let app: Hono<AppEnv>;
  let token: string;
  let model: Repo;
  /** Where the commit fuzzers commit: `model` at first, then a new model every CASES_PER_MODEL cases. */
  let commitModel: Repo;
  let dataset: Repo;
  const auth = () => ({ authorization: `Bearer ${token}` });
  const refs = async (repo: Repo) => JSON.stringify(await listRefs(env().hub.repos.gitDir(repo)));

  beforeAll(async () => {
    const { hub, owner } = env();
    app = createApp(hub);
    token = (await hub.accounts.issueToken(owner.user?.id ?? 0, { name: "fuzz", role: "write" })).token;
    dataset = await env().createRepo("dataset", "bench");
    await env().commit(dataset, { "eval.yaml": EVAL_YAML });
    model = await env().createRepo("model", "target");
    await env().commit(model, { ".eval_results/base.yaml": resultsYaml(BENCH, { easy: 0.5 }) });
    await hub.results.indexAll([dataset, model]);
    commitModel = model;
  });

  const commit = (body: string | Uint8Array, rev = "main", query = "") =>
    app.request(`/api/models/acme/${commitModel.name}/commit/${rev}${query}`, { method: "POST", headers: { ...auth(), "content-type": "application/x-ndjson" }, body });

  let cases = 0;
  /** Counts a commit case; every CASES_PER_MODEL cases the fuzzers commit to a new model. True when it changed. */
  const nextCommitCase = async (): Promise<boolean> => {
    if (++cases % CASES_PER_MODEL !== 0) return false;
    commitModel = await env().createRepo("model", `target-${cases}`);
    await env().commit(commitModel, { ".eval_results/base.yaml": resultsYaml(BENCH, { easy: 0.5 }) });
    await env().hub.results.indexAll([commitModel]);
    return true;
  };

  it(`commit NDJSON: ${RUNS} random bodies never break the server, and a refused one writes nothing`, TIMEOUT, async () => {
    const line = fc.oneof(
      fc.record({ key: fc.constantFrom("header", "file", "deletedFile", "deletedFolder", "lfsFile", "bogus"), value: jsonValue }),
      fc.record({ key: fc.constant("header"), value: fc.record({ summary: fc.oneof(nasty, jsonValue), description: fc.oneof(nasty, jsonValue), parentCommit: fc.oneof(nasty, fc.stringMatching(/^[0-9a-f]{40}$/)) }, { requiredKeys: [] }) }),
      fc.record({ key: fc.constant("file"), value: fc.record({ path: nasty, content: fc.oneof(nasty, jsonValue), encoding: fc.constantFrom("base64", "utf-8", "hex", 7) }, { requiredKeys: [] }) }),
      jsonValue,
    );
    // Well-formed commits, then the same cut short or with a byte changed: the refusals closest to acceptance.
    const wellFormed = fc
      .tuple(fc.string({ maxLength: 30 }), fc.array(fc.tuple(fc.stringMatching(/^[a-z0-9_]{1,8}(\/[a-z0-9_.]{1,8}){0,2}$/), fc.uint8Array({ maxLength: 64 })), { minLength: 1, maxLength: 3 }))
      .map(([summary, files]) => [{ key: "header", value: { summary, description: "" } }, ...files.map(([path, bytes]) => ({ key: "file", value: { path: `fuzz/${path}`, content: Buffer.from(bytes).toString("base64"), encoding: "base64" } }))].map((l) => JSON.stringify(l)).join("\n"));
    const damaged = fc.tuple(wellFormed, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([text, at, byte]) => {
      const bytes = Buffer.from(text);
      const i = at % Math.max(1, bytes.length);
      return at % 2 === 0 ? bytes.subarray(0, i) : Buffer.concat([bytes.subarray(0, i), Buffer.from([byte]), bytes.subarray(i + 1)]);
    });
    const body = fc.oneof(
      wellFormed,
      damaged,
      fc.array(line, { maxLength: 6 }).map((lines) => lines.map((l) => JSON.stringify(l)).join("\n")),
      fc.string({ unit: "binary", maxLength: 400 }),
      fc.uint8Array({ maxLength: 400 }),
    );
    let refused = 0;
    let landed = 0;
    let known = await refs(commitModel);
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom("main", "main", "main", "refs%2Fpr%2F99", "nope", "..", "main%00"), fc.constantFrom("", "", "?create_pr=1", "?create_pr=yes"), async (b, rev, query) => {
        if (await nextCommitCase()) known = await refs(commitModel);
        const res = await commit(b, rev, query);
        const status = res.status;
        await expectCleanAnswer(res, `commit ${JSON.stringify(b).slice(0, 200)}`);
        const after = await refs(commitModel);
        if (status !== 200) {
          refused++;
          expect(after).toBe(known);
        } else landed++;
        known = after;
      }),
      options(RUNS),
    );
    report(`${getDb().dialect}: commit NDJSON fuzz: ${RUNS} cases, ${landed} committed, ${refused} refused with a 4xx, 0 server errors, refs unchanged by every refusal`);
  });

  it(`file paths: ${SLOW_RUNS} random paths in a commit are either committed as given or refused`, TIMEOUT, async () => {
    let refused = 0;
    let known = await refs(commitModel);
    await fc.assert(
      fc.asyncProperty(nasty, async (path) => {
        if (await nextCommitCase()) known = await refs(commitModel);
        const body = [{ key: "header", value: { summary: "path", description: "" } }, { key: "file", value: { path, content: Buffer.from("x").toString("base64"), encoding: "base64" } }].map((l) => JSON.stringify(l)).join("\n");
        const res = await commit(body);
        const status = res.status;
        await expectCleanAnswer(res, `path ${JSON.stringify(path)}`);
        const after = await refs(commitModel);
        const before = known;
        known = after;
        if (status !== 200) {
          refused++;
          expect(after).toBe(before);
        } else {
          expect(path.split("/").some((part) => part === ".." || part === "." || part === ".git" || part === "")).toBe(false);
        }
      }),
      options(SLOW_RUNS),
    );
    report(`${getDb().dialect}: file path fuzz: ${SLOW_RUNS} cases, ${refused} refused with a 4xx, 0 server errors, no unsafe path committed`);
  });

  it(`YAML files: ${SLOW_RUNS} random results files and eval.yaml files committed and indexed; the index stays equal to git`, TIMEOUT, async () => {
    const yamlish = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.array(fc.constantFrom("- ", "  ", "dataset:", "id: ", BENCH, "task_id: ", "easy", "value: ", "0.5", "1e999", "-.inf", ".nan", "&a ", "*a ", "<<: *a", "[", "]", "{", "}", "!!binary ", "!!python/object ", "? ", ": ", "|\n", ">-\n", "\n", "---\n", "...\n", "\t", "# c\n", "'", '"', "null", "~", "tasks:\n", "  - id: "), { maxLength: 60 }).map((parts) => parts.join("")),
      fc.nat({ max: 5000 }).map((depth) => `${"[".repeat(depth)}1${"]".repeat(depth)}`),
      fc.nat({ max: 30 }).map((n) => `a: &a [x, x]\n${Array.from({ length: n }, (_, i) => `b${i}: &b${i} [*${i === 0 ? "a" : `b${i - 1}`}, *${i === 0 ? "a" : `b${i - 1}`}]`).join("\n")}\n`),
    );
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(yamlish, fc.boolean(), async (text, toBenchmark) => {
        await nextCommitCase();
        const [kind, path] = toBenchmark ? ["datasets/acme/bench", "eval.yaml"] : [`models/acme/${commitModel.name}`, ".eval_results/fuzz.yaml"];
        const body = [{ key: "header", value: { summary: "yaml", description: "" } }, { key: "file", value: { path, content: Buffer.from(text).toString("base64"), encoding: "base64" } }].map((l) => JSON.stringify(l)).join("\n");
        const res = await app.request(`/api/${kind}/commit/main`, { method: "POST", headers: { ...auth(), "content-type": "application/x-ndjson" }, body });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        await expectCleanAnswer(res, `YAML ${JSON.stringify(text).slice(0, 200)}`);
        const board = await app.request(`/api/datasets/${BENCH}/leaderboard?task_id=easy`);
        await expectCleanAnswer(board, "leaderboard after a fuzzed YAML file");
      }),
      options(SLOW_RUNS),
    );
    expect(await verifyIndex(env().hub.indexContext)).toEqual([]);
    report(`${getDb().dialect}: YAML fuzz through the commit API: ${SLOW_RUNS} cases (${[...statuses].map(([s, n]) => `${n}× ${s}`).join(", ")}), 0 server errors, index equal to git after all`);
  });

  it(`query parameters: ${RUNS} random queries on the read API answer below 500`, TIMEOUT, async () => {
    const routes = ["/api/models", "/api/datasets", `/api/datasets/${BENCH}/leaderboard`, `/api/datasets/${BENCH}/benchmark`, `/api/datasets/${BENCH}/conflicts`, "/api/models/acme/target/eval-results", "/api/models/acme/target/discussions", "/api/models/acme/target/commits/main", "/api/models/acme/target/tree/main", "/api/models/acme/target/refs", "/api/models/acme/target/revision/main", "/api/models/acme/target/moderation", "/acme/target/resolve/main/.eval_results/base.yaml"];
    const keys = fc.oneof(fc.constantFrom("search", "author", "sort", "direction", "limit", "full", "task_id", "as_of", "p", "status", "type", "cursor", "recursive", "expand", "include", "setup.model_revision", "filter", "offset", "config"), nasty);
    const value = fc.oneof(nasty, fc.integer().map(String), fc.constantFrom("-1", "0", "1e309", "NaN", "9".repeat(40), "2026-13-45", "true", "[]", "{}"));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.array(fc.tuple(keys, value), { maxLength: 5 }), fc.boolean(), async (route, pairs, signedIn) => {
        const query = new URLSearchParams(pairs).toString();
        const res = await app.request(`${route}?${query}`, { headers: signedIn ? auth() : {} });
        await expectCleanAnswer(res, `GET ${route}?${query}`);
      }),
      options(RUNS),
    );
    report(`${getDb().dialect}: query parameter fuzz: ${RUNS} cases over ${routes.length} read routes, 0 server errors`);
  });

  it(`discussion bodies: ${RUNS} random discussions and comments never break the server; refused ones leave no row`, TIMEOUT, async () => {
    const { hub } = env();
    const count = async () => Number((await hub.db.selectFrom("discussion_events").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const body = fc.oneof(
      fc.record({ title: fc.oneof(nasty, jsonValue), description: fc.oneof(nasty, jsonValue), pullRequest: fc.oneof(fc.boolean(), jsonValue) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
      fc.record({ comment: fc.oneof(nasty, jsonValue) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
      fc.string({ unit: "binary", maxLength: 300 }),
    );
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom("", "/1/comment", "/999/comment", "/1/status", "/1/title", "/x/comment"), fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded"), async (b, where, type) => {
        const before = await count();
        const res = await app.request(`/api/models/acme/target/discussions${where}`, { method: "POST", headers: { ...auth(), "content-type": type }, body: b });
        const status = res.status;
        await expectCleanAnswer(res, `discussion ${where} ${b.slice(0, 200)}`);
        if (status >= 400) {
          refused++;
          expect(await count()).toBe(before);
        }
      }),
      options(RUNS),
    );
    report(`${getDb().dialect}: discussion body fuzz: ${RUNS} cases, ${refused} refused with a 4xx, 0 server errors, no event row written by a refusal`);
  });

  it(`git push contents: ${SLOW_RUNS} random receive-pack requests move no ref`, TIMEOUT, async () => {
    const pkt = (payload: Uint8Array | string) => {
      const bytes = typeof payload === "string" ? Buffer.from(payload) : Buffer.from(payload);
      return Buffer.concat([Buffer.from((bytes.length + 4).toString(16).padStart(4, "0")), bytes]);
    };
    const oid = fc.oneof(fc.stringMatching(/^[0-9a-f]{40}$/), fc.constant("0".repeat(40)), nasty);
    const command = fc.tuple(oid, oid, fc.oneof(fc.constantFrom("refs/heads/main", "refs/pr/1", "refs/heads/x", "refs/tags/v"), nasty), fc.constantFrom("", "\0report-status side-band-64k", "\0report-status-v2 atomic", "\0push-options")).map(([a, b, ref, caps]) => pkt(`${a} ${b} ${ref}${caps}\n`));
    const request = fc.oneof(
      fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.from(b)),
      fc.tuple(fc.array(command, { maxLength: 3 }), fc.boolean(), fc.uint8Array({ maxLength: 300 })).map(([cmds, flush, tail]) => Buffer.concat([...cmds, flush ? Buffer.from("0000") : Buffer.alloc(0), Buffer.from("PACK"), Buffer.from(tail)])),
      fc.tuple(fc.stringMatching(/^[0-9a-fA-F]{4}$/), fc.uint8Array({ maxLength: 100 })).map(([len, rest]) => Buffer.concat([Buffer.from(len), Buffer.from(rest)])),
    );
    const basic = () => `Basic ${Buffer.from(`acme:${token}`).toString("base64")}`;
    const start = await refs(model);
    await fc.assert(
      fc.asyncProperty(request, async (bytes) => {
        const res = await app.request("/acme/target/git-receive-pack", { method: "POST", headers: { authorization: basic(), "content-type": "application/x-git-receive-pack-request" }, body: bytes });
        await expectCleanAnswer(res, `push ${bytes.subarray(0, 80).toString("hex")}`, true);
        expect(await refs(model)).toBe(start);
      }),
      options(SLOW_RUNS),
    );
    report(`${getDb().dialect}: git push fuzz: ${SLOW_RUNS} random receive-pack bodies, 0 server errors, no ref moved`);
  });
});
