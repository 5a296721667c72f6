import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/connect.ts";
import { log } from "../../src/git/log.ts";
import { selectedDialects } from "../support/dialect-selection.ts";
import { createTestDatabase, type TestDatabase } from "../support/dialects.ts";
import { newAdminToken, startHub, type HubProcess } from "../support/hub-process.ts";
import { EVAL_YAML, resultsYaml } from "../support/in-process-hub.ts";
import { repoGitDir } from "../support/repo-content.ts";
import { atScale, expectGitFsckClean, expectIndexEqualsGit, report } from "../support/reliability.ts";
import { call, createRepoAs, fileLine, headerLine, ndjson, postCommit } from "../support/write-api.ts";

const WRITERS = atScale(4, 20);
const COMMITS_EACH = atScale(4, 20);
const PROPOSALS = atScale(4, 40);
const BENCH = "admin/bench";
const MODEL = "admin/shared";
const MAIN = "refs/heads/main";
const TIMEOUT = { timeout: atScale(300_000, 3_600_000) };

for (const dialect of selectedDialects()) {
  describe(`${dialect}: two servers on one database and one data folder`, () => {
    const adminToken = newAdminToken();
    let database: TestDatabase;
    let dataDir: string;
    let servers: HubProcess[] = [];

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      dataDir = await mkdtemp(join(tmpdir(), "evalhub-scale-out-"));
      // Started at the same moment on an empty database and data folder: one migration, one admin, one signing key.
      // Behind a load balancer the public address is configured, so links are the same whichever server answers.
      servers = await Promise.all([0, 1].map(() => startHub({ dialect, dataDir, databaseUrl: database.url, adminToken, env: { EVALHUB_RECONCILE_SECONDS: "2", EVALHUB_PUBLIC_URL: "http://hub.example" } })));
    });

    afterAll(async () => {
      await Promise.all(servers.map((s) => s.stop()));
      await rm(dataDir, { recursive: true, force: true });
      await database?.destroy();
    });

    it("starting together makes one admin and one signing key, which both serve", async () => {
      const created = servers.filter((s) => s.output().includes("Created site admin"));
      expect(created).toHaveLength(1);
      const keys = (await readdir(join(dataDir, "keys"))).filter((f) => !f.endsWith(".tmp"));
      expect(keys).toContain("hub-signing.pem");
      const jwks = await Promise.all(servers.map(async (s) => (await call(s, "GET", "/.well-known/jwks.json")).json()));
      expect(jwks[0]).toEqual(jwks[1]);
      const { db } = openDatabase(database.url);
      try {
        const users = await db.selectFrom("accounts").select(["name", "is_admin"]).where("kind", "=", "user").execute();
        expect(users).toEqual([{ name: "admin", is_admin: 1 }]);
      } finally {
        await db.destroy();
      }
      for (const s of servers) expect((await call(s, "GET", "/api/whoami-v2", { token: adminToken })).status).toBe(200);
    });

    it(`${WRITERS} writers × ${COMMITS_EACH} commits spread over both servers: no lost ref update, both read the same`, TIMEOUT, async () => {
      const [a, b] = servers as [HubProcess, HubProcess];
      await createRepoAs(a, adminToken, BENCH, { kind: "dataset" });
      expect((await postCommit(b, adminToken, BENCH, ndjson(headerLine("benchmark"), fileLine("eval.yaml", EVAL_YAML)), { kind: "dataset" })).status).toBe(200);
      await createRepoAs(b, adminToken, MODEL);

      const landed: { commit: string; parent: string }[] = [];
      let refused = 0;
      const writer = async (w: number) => {
        for (let i = 0; i < COMMITS_EACH; i++) {
          const server = servers[(w + i) % 2] as HubProcess;
          const reader = servers[(w + i + 1) % 2] as HubProcess;
          const head = await call(reader, "GET", `/api/models/${MODEL}/revision/main`, { token: adminToken });
          const parent = ((await head.json()) as { sha: string }).sha;
          const body = ndjson(headerLine(`w${w} c${i}`, { parentCommit: parent }), fileLine(`.eval_results/w${w}-${i}.yaml`, resultsYaml(BENCH, { easy: (w * 10 + i) / 1000 })));
          const res = await postCommit(server, adminToken, MODEL, body);
          if (res.status === 412) refused++;
          else {
            expect(res.status, await res.clone().text()).toBe(200);
            landed.push({ commit: ((await res.json()) as { commitOid: string }).commitOid, parent });
          }
          const board = await call(reader, "GET", `/api/datasets/${BENCH}/leaderboard?task_id=easy`);
          expect(board.status).toBe(200);
        }
      };
      const proposer = async (p: number) => {
        const res = await postCommit(servers[p % 2] as HubProcess, adminToken, MODEL, ndjson(headerLine(`proposal ${p}`), fileLine(`.eval_results/p${p}.yaml`, resultsYaml(BENCH, { hard: p / 100 }))), { createPr: true });
        expect(res.status, await res.clone().text()).toBe(200);
        return Number(/(\d+)$/.exec(((await res.json()) as { pullRequestUrl: string }).pullRequestUrl)?.[1]);
      };
      const [, nums] = await Promise.all([Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w))), Promise.all(Array.from({ length: PROPOSALS }, (_, p) => proposer(p)))]);

      expect(new Set(nums).size).toBe(PROPOSALS);
      const history = await log(repoGitDir(a, "model", MODEL), MAIN, { limit: 100_000 });
      const ids = new Set(history.map((c) => c.id));
      for (const l of landed) {
        expect(ids.has(l.commit)).toBe(true);
        expect(history.find((c) => c.id === l.commit)?.parents).toEqual([l.parent]);
      }
      expect(history.length).toBe(landed.length + 1);

      await expectIndexEqualsGit(a);
      const boards = await Promise.all(servers.map(async (s) => (await call(s, "GET", `/api/datasets/${BENCH}/leaderboard?task_id=easy`)).json()));
      expect(boards[0]).toEqual(boards[1]);
      const prs = await Promise.all(servers.map(async (s) => (await call(s, "GET", `/api/models/${MODEL}/discussions`, { token: adminToken })).json()));
      expect(prs[0]).toEqual(prs[1]);
      const repos = await expectGitFsckClean(dataDir);
      report(`${dialect}: 2 servers, ${WRITERS}×${COMMITS_EACH} commits with parentCommit spread over both: ${landed.length} landed, ${refused} refused (412), 0 lost; ${PROPOSALS} pull requests opened at once on both: ${PROPOSALS} distinct numbers; git fsck clean (${repos} repositories); reindex --verify 0 differences; both servers give the same leaderboard`);
    });
  });
}
