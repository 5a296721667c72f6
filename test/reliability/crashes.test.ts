import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { loadConfig } from "../../src/config.ts";
import { createCommit } from "../../src/git/commit.ts";
import { openHub, type Hub } from "../../src/hub/hub.ts";
import { verifyIndex } from "../../src/hub/results/verify.ts";
import { log } from "../../src/git/log.ts";
import { pushToUrl } from "../../src/git/push-to-url.ts";
import { readRef } from "../../src/git/refs.ts";
import { selectedDialects } from "../support/dialect-selection.ts";
import { createTestDatabase, type TestDatabase } from "../support/dialects.ts";
import { newAdminToken, startHub, type HubProcess } from "../support/hub-process.ts";
import { EVAL_YAML, resultsYaml } from "../support/in-process-hub.ts";
import { repoGitDir } from "../support/repo-content.ts";
import { atScale, expectGitFsckClean, expectIndexEqualsGit, report, waitUntil } from "../support/reliability.ts";
import { call, createRepoAs, fileAt, fileLine, headerLine, ndjson, postCommit } from "../support/write-api.ts";

const CRASHES = atScale(3, 20);
const BENCH = "admin/bench";
const MODEL = "admin/crashy";
const MAIN = "refs/heads/main";

/** A write the server answered 200 to: it must survive any crash after that. */
type Acknowledged =
  | { kind: "commit"; commit: string; files: Record<string, string> }
  | { kind: "pull-request"; num: number; commit: string; files: Record<string, string> }
  | { kind: "push"; ref: string; commit: string };

/** Seeded so a failing run can be repeated (RELIABILITY_SEED). */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

for (const dialect of selectedDialects()) {
  describe(`${dialect}: SIGKILL during a mixed write workload`, () => {
    const adminToken = newAdminToken();
    const seed = Number(process.env.RELIABILITY_SEED ?? Date.now() % 1_000_000);
    const rand = random(seed);
    let database: TestDatabase;
    let dataDir: string;
    let work: string;
    let local: string;
    let base: string;
    let hub: HubProcess;
    const acknowledged: Acknowledged[] = [];
    /** The same code as `evalhub reindex --verify`, in this process: a CLI start per crash would cost more than the check. */
    let verifier: Hub | undefined;
    let serial = 0;

    const start = () => startHub({ dialect, dataDir, databaseUrl: database.url, adminToken, env: { EVALHUB_RECONCILE_SECONDS: "1" } });

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      dataDir = await mkdtemp(join(tmpdir(), "evalhub-crashes-"));
      work = await mkdtemp(join(tmpdir(), "evalhub-crash-pushes-"));
      hub = await start();
      await createRepoAs(hub, adminToken, BENCH, { kind: "dataset" });
      const bench = await postCommit(hub, adminToken, BENCH, ndjson(headerLine("benchmark"), fileLine("eval.yaml", EVAL_YAML)), { kind: "dataset" });
      expect(bench.status).toBe(200);
      await createRepoAs(hub, adminToken, MODEL);
      local = join(work, "local.git");
      await cp(repoGitDir(hub, "model", MODEL), local, { recursive: true });
      base = (await readRef(local, MAIN)) ?? "";
    });

    afterAll(async () => {
      await hub?.stop();
      await verifier?.close();
      await rm(dataDir, { recursive: true, force: true });
      await rm(work, { recursive: true, force: true });
      await database?.destroy();
    });

    /** One write of a random kind; records it when the server acknowledged it. Errors of a dying server are expected. */
    async function oneWrite(): Promise<void> {
      const n = serial++;
      const what = rand();
      if (what < 0.45) {
        const files = { [`.eval_results/c${n}.yaml`]: resultsYaml(BENCH, { easy: (n % 100) / 100 }), [`notes/c${n}.txt`]: `commit ${n}\n` };
        const res = await postCommit(hub, adminToken, MODEL, ndjson(headerLine(`commit ${n}`), ...Object.entries(files).map(([p, c]) => fileLine(p, c))));
        if (res.status === 200) acknowledged.push({ kind: "commit", commit: ((await res.json()) as { commitOid: string }).commitOid, files });
      } else if (what < 0.75) {
        const files = { [`.eval_results/pr${n}.yaml`]: resultsYaml(BENCH, { hard: (n % 100) / 100 }) };
        const res = await postCommit(hub, adminToken, MODEL, ndjson(headerLine(`proposal ${n}`), ...Object.entries(files).map(([p, c]) => fileLine(p, c))), { createPr: true });
        if (res.status === 200) {
          const body = (await res.json()) as { commitOid: string; pullRequestUrl: string };
          acknowledged.push({ kind: "pull-request", num: Number(/(\d+)$/.exec(body.pullRequestUrl)?.[1]), commit: body.commitOid, files });
        }
      } else {
        const ref = `refs/heads/push-${n}`;
        const made = await createCommit(local, { parent: base, branchRef: `refs/heads/local-${n}`, expectedHead: null, changes: [{ path: `pushed/${n}.txt`, content: `push ${n}\n` }], message: `push ${n}`, author: { name: "admin", email: "admin@example.com" } });
        if (!made.ok) throw new Error(made.reason);
        const outcome = await pushToUrl(local, `${hub.url}/${MODEL}`, [{ commit: made.commit, ref, expected: null }], { authorization: `Basic ${Buffer.from(`admin:${adminToken}`).toString("base64")}`, timeoutMs: 60_000 });
        if (outcome.ok) acknowledged.push({ kind: "push", ref, commit: made.commit });
      }
    }

    async function workload(stop: { now: boolean }): Promise<void> {
      while (!stop.now) {
        try {
          await oneWrite();
        } catch {
          // connection refused or reset: the server is gone, and the write was not acknowledged
        }
      }
    }

    async function expectAcknowledgedWritesKept(): Promise<void> {
      const gitDir = repoGitDir(hub, "model", MODEL);
      const onMain = new Set((await log(gitDir, MAIN, { limit: 1_000_000 })).map((c) => c.id));
      for (const write of acknowledged) {
        if (write.kind === "commit") {
          expect(onMain.has(write.commit), `acknowledged commit ${write.commit} on main`).toBe(true);
          for (const [path, content] of Object.entries(write.files)) expect(await fileAt(hub, MODEL, path, write.commit)).toBe(content);
        } else if (write.kind === "pull-request") {
          expect(await readRef(gitDir, `refs/pr/${write.num}`)).toBe(write.commit);
          const res = await call(hub, "GET", `/api/models/${MODEL}/discussions/${write.num}`, { token: adminToken });
          expect(res.status).toBe(200);
          expect(((await res.json()) as { status: string }).status).toBe("open");
        } else {
          expect(await readRef(gitDir, write.ref)).toBe(write.commit);
        }
      }
    }

    /** The reconciler runs right after start; the index converges to git (verify retries while it catches up). */
    async function verifyConverges(): Promise<number> {
      verifier ??= await openHub(loadConfig({ EVALHUB_DATA: dataDir, DATABASE_URL: database.url, LOG_LEVEL: "silent" }), pino({ level: "silent" }));
      for (let attempt = 1; ; attempt++) {
        const differences = await verifyIndex(verifier.indexContext);
        if (differences.length === 0) return attempt;
        if (attempt >= 20) expect(differences).toEqual([]);
        await sleep(500);
      }
    }

    it(`survives ${CRASHES} SIGKILLs at random moments: git fsck clean, every acknowledged write kept, index equal to git`, { timeout: atScale(600_000, 3_600_000) }, async () => {
      let attemptsTotal = 0;
      for (let crash = 1; crash <= CRASHES; crash++) {
        const t0 = Date.now();
        const stop = { now: false };
        const workers = Promise.all([workload(stop), workload(stop), workload(stop)]);
        // At a random moment after the workload got going (one write acknowledged), so every cycle has something to lose.
        const before = acknowledged.length;
        await waitUntil("a first acknowledged write", async () => acknowledged.length > before, 120_000);
        await sleep(rand() * 1000);
        await hub.stop("SIGKILL");
        stop.now = true;
        await workers;
        await sleep(300); // git processes of the dead server end on their own
        const t1 = Date.now();
        hub = await start();
        const t2 = Date.now();
        const checked = await expectGitFsckClean(dataDir);
        expect(checked).toBe(2);
        await expectAcknowledgedWritesKept();
        const t3 = Date.now();
        attemptsTotal += await verifyConverges();
        if (process.env.RELIABILITY_VERBOSE) report(`cycle ${crash}: workload ${t1 - t0} ms, restart ${t2 - t1} ms, fsck+checks ${t3 - t2} ms, verify ${Date.now() - t3} ms, ${acknowledged.length} acknowledged so far`);
      }
      await expectIndexEqualsGit(hub);
      const counts = { commit: 0, "pull-request": 0, push: 0 };
      for (const a of acknowledged) counts[a.kind]++;
      report(`${dialect}: ${CRASHES} SIGKILLs (seed ${seed}), ${serial} writes attempted, ${acknowledged.length} acknowledged (${counts.commit} commits, ${counts["pull-request"]} pull requests, ${counts.push} pushes), all kept; git fsck clean after each; index equal to git after each (${attemptsTotal} verify passes) and reindex --verify 0 differences at the end`);
    });
  });
}
