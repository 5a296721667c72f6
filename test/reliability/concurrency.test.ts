import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { createCommit } from "../../src/git/commit.ts";
import { diffTree } from "../../src/git/diff-tree.ts";
import { log } from "../../src/git/log.ts";
import { pushToUrl } from "../../src/git/push-to-url.ts";
import { readRef } from "../../src/git/refs.ts";
import { describeEachDialectWithHub, type HubProcess } from "../support/hub-process.ts";
import { EVAL_YAML, resultsYaml } from "../support/in-process-hub.ts";
import { repoGitDir } from "../support/repo-content.ts";
import { atScale, expectGitFsckClean, expectIndexEqualsGit, inParallel, report } from "../support/reliability.ts";
import { call, createRepoAs, fileAt, fileLine, headerLine, ndjson, postCommit } from "../support/write-api.ts";

const WRITERS = atScale(10, 50);
const COMMITS_EACH = atScale(5, 20);
const PULL_REQUESTS = atScale(4, 20);
const PUSHERS = atScale(4, 20);
const BENCH = "admin/bench";
const MAIN = "refs/heads/main";
const TIMEOUT = { timeout: atScale(300_000, 3_600_000) };

interface Attempt {
  writer: number;
  parent: string;
  status: number;
  commit?: string;
  files: Record<string, string>;
}

async function headOf(hub: HubProcess, id: string): Promise<string> {
  const res = await call(hub, "GET", `/api/models/${id}/revision/main`, { token: hub.adminToken });
  expect(res.status).toBe(200);
  return ((await res.json()) as { sha: string }).sha;
}

async function commitOk(hub: HubProcess, id: string, files: Record<string, string>, options: { createPr?: boolean; kind?: "model" | "dataset" } = {}): Promise<Record<string, unknown>> {
  const body = ndjson(headerLine("setup"), ...Object.entries(files).map(([path, content]) => fileLine(path, content)));
  const res = await postCommit(hub, hub.adminToken, id, body, options);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describeEachDialectWithHub("concurrent writers on one repository", (getHub) => {
  it(`${WRITERS} writers × ${COMMITS_EACH} commits with parentCommit: each lands whole or is a 412, none lost`, TIMEOUT, async () => {
    const hub = getHub();
    const id = "admin/race";
    await createRepoAs(hub, hub.adminToken, BENCH, { kind: "dataset" });
    await commitOk(hub, BENCH, { "eval.yaml": EVAL_YAML }, { kind: "dataset" });
    await createRepoAs(hub, hub.adminToken, id);
    const start = await headOf(hub, id);

    const writer = async (w: number): Promise<Attempt[]> => {
      const attempts: Attempt[] = [];
      for (let i = 0; i < COMMITS_EACH; i++) {
        const parent = await headOf(hub, id);
        const files = { [`.eval_results/w${w}-${i}.yaml`]: resultsYaml(BENCH, { easy: (w * 100 + i) / 10_000 }), [`notes/w${w}-${i}.txt`]: `writer ${w}, commit ${i}\n` };
        const body = ndjson(headerLine(`writer ${w} commit ${i}`, { parentCommit: parent }), ...Object.entries(files).map(([path, content]) => fileLine(path, content)));
        const res = await postCommit(hub, hub.adminToken, id, body);
        const answer = (await res.json()) as { commitOid?: string; error?: string };
        if (res.status !== 412) expect(res.status, answer.error).toBe(200);
        else expect(res.headers.get("x-error-code")).toBe("PreconditionFailed");
        attempts.push({ writer: w, parent, status: res.status, commit: answer.commitOid, files });
      }
      return attempts;
    };
    const attempts = (await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)))).flat();
    const landed = attempts.filter((a) => a.status === 200);
    const refused = attempts.filter((a) => a.status === 412);
    expect(landed.length + refused.length).toBe(WRITERS * COMMITS_EACH);
    expect(landed.length).toBeGreaterThan(0);

    // History is one line: every acknowledged commit, on the parent its writer saw, and nothing else.
    const gitDir = repoGitDir(hub, "model", id);
    const history = await log(gitDir, MAIN, { limit: 100_000 });
    const added = history.slice(0, history.findIndex((c) => c.id === start));
    expect(added.map((c) => c.id).sort()).toEqual(landed.map((a) => a.commit).sort());
    for (const commit of added) expect(commit.parents).toHaveLength(1);
    for (const a of landed) {
      expect(added.find((c) => c.id === a.commit)?.parents[0]).toBe(a.parent);
      const changes = await diffTree(gitDir, a.parent, a.commit ?? "");
      expect(changes.map((c) => c.path).sort()).toEqual(Object.keys(a.files).sort());
      for (const [path, content] of Object.entries(a.files)) expect(await fileAt(hub, id, path, a.commit)).toBe(content);
    }
    // A refused commit left nothing behind.
    for (const a of refused) for (const path of Object.keys(a.files)) expect(await fileAt(hub, id, path)).toBeNull();
    report(`${hub.dialect}: ${WRITERS}×${COMMITS_EACH} commits with parentCommit: ${landed.length} landed (200), ${refused.length} refused (412), 0 lost, 0 partial`);
  });

  it(`${PULL_REQUESTS} pull requests merged at once, and one pull request merged ${PULL_REQUESTS} times at once`, TIMEOUT, async () => {
    const hub = getHub();
    const id = "admin/merges";
    await createRepoAs(hub, hub.adminToken, id);
    const open = async (n: number) => {
      const answer = await commitOk(hub, id, { [`.eval_results/pr-${n}.yaml`]: resultsYaml(BENCH, { hard: n / 100 }) }, { createPr: true });
      return Number(/\/discussions\/(\d+)$/.exec(String(answer.pullRequestUrl))?.[1]);
    };
    const nums = await inParallel(4, Array.from({ length: PULL_REQUESTS }, (_, n) => () => open(n)));
    const merges = await Promise.all(nums.map((num) => call(hub, "POST", `/api/models/${id}/discussions/${num}/merge`, { token: hub.adminToken, json: {} })));
    for (const res of merges) if (res.status !== 200) expect([409], await res.clone().text()).toContain(res.status);
    const merged = nums.filter((_, i) => merges[i]?.status === 200);
    expect(merged.length).toBeGreaterThan(0);
    for (const [i, num] of nums.entries()) {
      const inMain = await fileAt(hub, id, `.eval_results/pr-${i}.yaml`);
      const details = (await (await call(hub, "GET", `/api/models/${id}/discussions/${num}`, { token: hub.adminToken })).json()) as { status: string };
      expect({ num, inMain: inMain !== null, status: details.status }).toEqual({ num, inMain: merged.includes(num), status: merged.includes(num) ? "merged" : "open" });
    }

    const once = await open(PULL_REQUESTS);
    const same = await Promise.all(Array.from({ length: PULL_REQUESTS }, () => call(hub, "POST", `/api/models/${id}/discussions/${once}/merge`, { token: hub.adminToken, json: {} })));
    const statuses = same.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    for (const res of same) {
      if (res.status === 200) continue;
      expect([400, 409]).toContain(res.status);
      expect(((await res.json()) as { error: string }).error).toBeTruthy();
      expect(res.headers.get("x-error-code")).toBeTruthy();
    }
    const mainLog = await log(repoGitDir(hub, "model", id), MAIN, { limit: 10_000 });
    expect(mainLog.filter((c) => c.parents.length === 2 && c.title.includes(`#${once}`)).length).toBeLessThanOrEqual(1);
    report(`${hub.dialect}: ${PULL_REQUESTS} merges at once: ${merged.length} merged, ${PULL_REQUESTS - merged.length} refused (409); the same pull request merged ${PULL_REQUESTS} times at once: 1 merged, ${PULL_REQUESTS - 1} refused`);
  });

  it(`${PUSHERS} git pushes to main at once: one wins, the others are refused and nothing is lost`, TIMEOUT, async () => {
    const hub = getHub();
    const id = "admin/pushes";
    await createRepoAs(hub, hub.adminToken, id);
    const gitDir = repoGitDir(hub, "model", id);
    const head = (await readRef(gitDir, MAIN)) ?? "";
    const work = await mkdtemp(join(tmpdir(), "evalhub-pushers-"));
    try {
      const clones = await inParallel(4, Array.from({ length: PUSHERS }, (_, p) => async () => {
        const clone = join(work, `p${p}.git`);
        await cp(gitDir, clone, { recursive: true });
        const made = await createCommit(clone, { parent: head, branchRef: "refs/heads/mine", expectedHead: null, changes: [{ path: `pushed/p${p}.txt`, content: `pusher ${p}\n` }], message: `push ${p}`, author: { name: "admin", email: "admin@example.com" } });
        if (!made.ok) throw new Error(made.reason);
        return { clone, commit: made.commit };
      }));
      const authorization = `Basic ${Buffer.from(`admin:${hub.adminToken}`).toString("base64")}`;
      const outcomes = await Promise.all(clones.map((c) => pushToUrl(c.clone, `${hub.url}/${id}`, [{ commit: c.commit, ref: MAIN, expected: head }], { authorization, timeoutMs: 120_000 })));
      const winners = clones.filter((_, i) => outcomes[i]?.ok);
      expect(winners).toHaveLength(1);
      expect(await readRef(gitDir, MAIN)).toBe(winners[0]?.commit);
      const history = await log(gitDir, MAIN, { limit: 10 });
      expect(history.map((c) => c.id)).toEqual([winners[0]?.commit, head]);
      report(`${hub.dialect}: ${PUSHERS} pushes to main at once: 1 accepted, ${PUSHERS - 1} refused, main = the winner's commit on the old head`);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });

  it("git fsck is clean and reindex --verify finds no difference", TIMEOUT, async () => {
    const hub = getHub();
    const checked = await expectGitFsckClean(hub.dataDir);
    expect(checked).toBeGreaterThanOrEqual(4);
    await expectIndexEqualsGit(hub);
    report(`${hub.dialect}: git fsck clean on ${checked} repositories; reindex --verify: 0 differences`);
  });
});
