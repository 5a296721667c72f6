import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../../src/db/connect.ts";
import type { Database } from "../../../src/db/schema.ts";
import { readRef } from "../../../src/git/refs.ts";
import { selectedDialects } from "../../support/dialect-selection.ts";
import { createTestDatabase, type TestDatabase } from "../../support/dialects.ts";
import { EVALHUB_BIN, newAdminToken, startHub, type HubProcess } from "../../support/hub-process.ts";
import { EVAL_YAML, resultsYaml } from "../../support/in-process-hub.ts";
import { commitFiles, repoGitDir } from "../../support/repo-content.ts";
import { call, createRepoAs, fileLine, headerLine, ndjson, postCommit } from "../../support/write-api.ts";

const BENCH = "admin/bench";
const MODEL = "admin/m1";
const FILE = ".eval_results/demo.yaml";
const MAIN = "refs/heads/main";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `evalhub ARGS…` on the hub's data and database, with its exit code (hub.cli only returns on success). */
function evalhub(hub: HubProcess, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [EVALHUB_BIN, ...args], { env: hub.env, encoding: "utf8", timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : -1, stdout, stderr });
    });
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}

async function commitOverApi(hub: HubProcess, id: string, files: Record<string, string>, kind: "model" | "dataset" = "model"): Promise<void> {
  const body = ndjson(headerLine(`update ${Object.keys(files).join(", ")}`), ...Object.entries(files).map(([path, content]) => fileLine(path, content)));
  const res = await postCommit(hub, hub.adminToken, id, body, { kind });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function easyScore(hub: HubProcess): Promise<number | undefined> {
  const res = await call(hub, "GET", `/api/datasets/${BENCH}/leaderboard?task_id=easy`);
  expect(res.status).toBe(200);
  const rows = (await res.json()) as { modelId: string; value: number }[];
  return rows.find((r) => r.modelId === MODEL)?.value;
}

for (const dialect of selectedDialects()) {
  describe(`${dialect}: recovering the results index after a crash`, () => {
    let database: TestDatabase;
    let dataDir: string;
    let db: Kysely<Database>;
    let hub: HubProcess;
    const adminToken = newAdminToken();

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      dataDir = await mkdtemp(join(tmpdir(), "evalhub-crash-"));
      hub = await startHub({ dialect, dataDir, databaseUrl: database.url, adminToken });
      db = openDatabase(database.url).db;
      await createRepoAs(hub, adminToken, BENCH, { kind: "dataset" });
      await commitOverApi(hub, BENCH, { "eval.yaml": EVAL_YAML }, "dataset");
      await createRepoAs(hub, adminToken, MODEL);
      await commitOverApi(hub, MODEL, { [FILE]: resultsYaml(BENCH, { easy: 0.5, hard: 0.25 }) });
      expect(await easyScore(hub)).toBe(0.5);
    });

    afterAll(async () => {
      await hub?.stop();
      await db?.destroy();
      await rm(dataDir, { recursive: true, force: true });
      await database?.destroy();
    });

    it("re-indexes at start a ref that moved while the server was down, and verify then finds nothing", async () => {
      await hub.stop("SIGKILL");
      const moved = await commitFiles(hub, "model", MODEL, [{ path: FILE, content: resultsYaml(BENCH, { easy: 0.7, hard: 0.25 }) }], { message: "behind the server's back" });
      expect(repoGitDir(hub, "model", MODEL)).toBe(join(dataDir, "repos", "models", "admin", "m1.git"));
      hub = await startHub({ dialect, dataDir, databaseUrl: database.url, adminToken });

      await waitFor("the leaderboard to show the new score", async () => ((await easyScore(hub)) === 0.7 ? true : undefined));
      const indexed = await db.selectFrom("index_refs").select("commit").where("ref", "=", MAIN).where("repo_id", "in", (eb) => eb.selectFrom("repos").select("id").where("kind", "=", "model")).executeTakeFirst();
      expect(indexed?.commit).toBe(moved);
      expect(hub.output()).not.toContain("failed");

      const verify = await evalhub(hub, ["reindex", "--verify"]);
      expect(verify.stdout.trim().split("\n").at(-1)).toBe("0 differences");
      expect(verify.code).toBe(0);
    });

    it("converges after a SIGKILL in the middle of a burst of concurrent commits", async () => {
      const commits = Array.from({ length: 10 }, (_, i) => {
        const body = ndjson(headerLine(`burst ${i}`), fileLine(`.eval_results/burst-${i}.yaml`, resultsYaml(BENCH, { hard: i / 10 })));
        return postCommit(hub, adminToken, MODEL, body);
      });
      const burst = Promise.allSettled(commits);
      // Killed a few ms after the first commit returned: the others are somewhere between git and the index.
      await Promise.any(commits).catch(() => undefined);
      await sleep(5);
      await hub.stop("SIGKILL");
      const outcomes = await burst;
      // git processes of the dead server finish on their own; give them a moment before reading where main ends up.
      await sleep(500);
      hub = await startHub({ dialect, dataDir, databaseUrl: database.url, adminToken, env: { EVALHUB_RECONCILE_SECONDS: "1" } });

      const gitDir = repoGitDir(hub, "model", MODEL);
      const head = await waitFor("the reconciler to index main's head", async () => {
        const inGit = await readRef(gitDir, MAIN);
        const rows = await db.selectFrom("index_refs").innerJoin("repos", "repos.id", "index_refs.repo_id").select("index_refs.commit").where("repos.kind", "=", "model").where("index_refs.ref", "=", MAIN).execute();
        return rows[0]?.commit === inGit ? inGit : undefined;
      });
      const landed = outcomes.filter((o) => o.status === "fulfilled" && o.value.status === 200).length;
      const files = await db.selectFrom("results").select("file_path").distinct().where("commit", "=", head ?? "").execute();
      expect(files.length).toBeGreaterThanOrEqual(1 + landed);

      const verify = await evalhub(hub, ["reindex", "--verify"]);
      expect(verify.stdout, verify.stderr).toMatch(/^0 differences$/m);
      expect(verify.code).toBe(0);
    });

    it("verify names a corrupted row and exits 1; reindex repairs it while the server runs", async () => {
      const [row] = await db
        .selectFrom("results")
        .innerJoin("repos", "repos.id", "results.repo_id")
        .select(["results.id", "results.value"])
        .where("repos.kind", "=", "model")
        .where("results.ref", "=", MAIN)
        .where("results.file_path", "=", FILE)
        .where("results.entry_index", "=", 0)
        .execute();
      expect(row?.value).toBe(0.7);
      await db.updateTable("results").set({ value: 0.123 }).where("id", "=", row?.id ?? -1).execute();

      const text = await evalhub(hub, ["reindex", "--verify"]);
      expect(text.code).toBe(1);
      expect(text.stdout).toContain(`results models/${MODEL} ${MAIN}:${FILE}[0]: value expected 0.7, found 0.123\n`);
      expect(text.stdout.trim().split("\n").at(-1)).toBe("1 difference");

      const json = await evalhub(hub, ["reindex", "--verify", "--format", "json"]);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toEqual({
        differences: [
          {
            repo: `models/${MODEL}`,
            table: "results",
            key: `${MAIN}:${FILE}[0]`,
            expected: expect.objectContaining({ value: 0.7, task_id: "easy", status: "valid" }),
            actual: expect.objectContaining({ value: 0.123, task_id: "easy", status: "valid" }),
          },
        ],
      });
      expect(json.stderr).toContain("1 difference");

      const rebuilt = await evalhub(hub, ["reindex"]);
      expect(rebuilt.code, rebuilt.stderr).toBe(0);
      expect(rebuilt.stdout).toMatch(/^re-indexed 2 repositories \(1 datasets, 1 models\) in [0-9.]+ s: 2 refs, \d+ result rows, 1 benchmarks\n$/);
      expect(rebuilt.stderr).toContain("indexed 2/2 repositories\n");
      expect(await easyScore(hub)).toBe(0.7);

      const after = await evalhub(hub, ["reindex", "--verify"]);
      expect(after.stdout).toBe("0 differences\n");
      expect(after.code).toBe(0);
    });

    it("rejects an unknown --format as a usage error", async () => {
      const run = await evalhub(hub, ["reindex", "--verify", "--format", "yaml"]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("--format must be text or json");
    });
  });
}
