import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { startChild } from "../../bench/support/child-server.ts";
import { load, median, type LoadFigures } from "../../bench/support/load.ts";
import { memoryUsageOf, type MemoryUsage } from "../../bench/support/memory-usage.ts";
import { pacedLoad } from "../../bench/support/paced-load.ts";
import { describeEachDialectWithHub, type HubProcess } from "../support/hub-process.ts";
import { EVAL_YAML, resultsYaml } from "../support/in-process-hub.ts";
import { atScale, expectGitFsckClean, expectIndexEqualsGit, report } from "../support/reliability.ts";
import { createRepoAs, fileLine, headerLine, ndjson, postCommit } from "../support/write-api.ts";

// Mixed reads and writes (commits, pull requests and their merges) against one server for a while, at a steady rate:
// no request fails, memory stays flat, the index still equals git. Read latency is reported against the performance targets, not asserted: timing belongs to
// benchmarks, and the long version (10 minutes, RELIABILITY_SCALE=full) is run on a quiet machine for docs/reliability.md.

const SECONDS = Number(process.env.SOAK_SECONDS) || atScale(20, 600);
const READERS = atScale(10, 50);
/**
 * A steady load, not a saturating one: with every connection kept busy, latency is only queueing (Little's law).
 * Requests are sent at evenly spaced moments (`pacedLoad`), and each is timed from the moment it was due.
 */
const READS_PER_SECOND = atScale(100, 250);
const WRITERS = 2;
/** Each writer commits at most once per interval (a commit that takes longer is followed at once by the next). */
const WRITE_INTERVAL_MS = 1000;
/** The results files each writer keeps per model, rewritten in turn. */
const FILES_PER_WRITER = 3;
const MODELS = 20;
const BENCH = "admin/soak-bench";
/**
 * Resident memory grows at first (caches fill, V8 sizes its heap for the load) and then must level off: the median
 * of the last third of the samples may exceed the middle third's by at most this factor plus a small allowance.
 */
const RSS_TREND_LIMIT = { factor: 1.15, plusMb: 16 };
const USAGE_EVERY_SECONDS = 5;
/** The performance targets (docs/benchmarks.md), set there for leaderboard and model-results reads. */
const READ_TARGETS = { p50: 5, p99: 25 };
const isTargetedRead = (path: string) => path.includes("/leaderboard") || path.endsWith("/eval-results");
const within = (figures: { p50: number; p99: number }) => (figures.p50 <= READ_TARGETS.p50 && figures.p99 <= READ_TARGETS.p99 ? "inside" : "outside");

async function residentMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
  return kb / 1024;
}

/** Commits one results file; resolves to the status and, for a pull request, its number. */
async function commitResults(hub: HubProcess, model: string, name: string, value: number, createPr: boolean): Promise<{ status: number; pullRequest: number | null }> {
  const body = ndjson(headerLine(`soak ${name}`), fileLine(`.eval_results/${name}.yaml`, resultsYaml(BENCH, { easy: value, hard: value / 2 })));
  const res = await postCommit(hub, hub.adminToken, model, body, { createPr });
  const answer = (await res.json().catch(() => ({}))) as { pullRequestUrl?: string };
  const num = /\/discussions\/(\d+)$/.exec(answer.pullRequestUrl ?? "")?.[1];
  return { status: res.status, pullRequest: num === undefined ? null : Number(num) };
}

async function mergePullRequest(hub: HubProcess, model: string, num: number): Promise<number> {
  const res = await fetch(`${hub.url}/api/models/${model}/discussions/${num}/merge`, { method: "POST", headers: { authorization: `Bearer ${hub.adminToken}` } });
  await res.arrayBuffer();
  return res.status;
}

/**
 * The same load on a bare node:http server answering the same paths with the same bytes from memory: what this
 * machine's loopback, scheduler and load generator alone cost at that rate.
 */
async function bareBaseline(hub: HubProcess, paths: string[], seconds: number): Promise<LoadFigures> {
  const bodies: Record<string, string> = {};
  for (const path of paths) bodies[path] = await (await fetch(`${hub.url}${path}`)).text();
  const dir = await mkdtemp(join(tmpdir(), "evalhub-soak-"));
  const file = join(dir, "bodies.json");
  await writeFile(file, JSON.stringify(bodies));
  const bare = await startChild("bench/support/bare-server.ts", [file], {});
  try {
    return await pacedLoad(bare.url, paths, { connections: READERS, seconds, rate: READS_PER_SECOND });
  } finally {
    await bare.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? Number.NaN;

describeEachDialectWithHub("soak: mixed reads and writes", (getHub) => {
  it(`${SECONDS} s of ${READERS} readers (${READS_PER_SECOND} reads/s) and ${WRITERS} writers (a write a second each): no errors, flat memory, index equals git`, { timeout: (SECONDS + 300) * 1000 }, async () => {
    const hub = getHub();
    const pid = hub.child.pid as number;
    await createRepoAs(hub, hub.adminToken, BENCH, { kind: "dataset" });
    expect(await postCommit(hub, hub.adminToken, BENCH, ndjson(headerLine("benchmark"), fileLine("eval.yaml", EVAL_YAML)), { kind: "dataset" }).then((r) => r.status)).toBe(200);
    const models = Array.from({ length: MODELS }, (_, i) => `admin/soak-model-${i}`);
    for (const [i, model] of models.entries()) {
      await createRepoAs(hub, hub.adminToken, model);
      expect((await commitResults(hub, model, "first", 0.5 + i / 100, false)).status).toBe(200);
    }
    const paths = [
      `/api/datasets/${BENCH}/leaderboard?task_id=easy`,
      `/api/datasets/${BENCH}/leaderboard?task_id=hard&limit=10`,
      ...models.slice(0, 5).map((m) => `/api/models/${m}/eval-results`),
      `/api/models/${models[0]}`,
      "/api/models?author=admin&limit=20",
      `/datasets/${BENCH}`,
    ];
    await load(hub.url, paths, { connections: READERS, seconds: 3 });
    const bare = await bareBaseline(hub, paths, atScale(5, 30));
    const rssStart = await residentMb(pid);

    const writeLatencies: number[] = [];
    const writeStatuses: number[] = [];
    const rssSamples: number[] = [];
    // The server's own account (SIGUSR2) every few seconds: whether a rise in RSS is V8's heap or memory outside it.
    const usageSamples: MemoryUsage[] = [];
    const until = Date.now() + SECONDS * 1000;
    // What a results repository sees in use: each writer keeps a few files per model and rewrites them; every fifth
    // commit is a pull request, which the writer merges with its next write.
    const writer = async (w: number) => {
      let open: { model: string; num: number } | null = null;
      for (let i = 0; Date.now() < until; i++) {
        const model = models[(w * 7 + i) % MODELS] as string;
        const started = performance.now();
        if (open !== null) {
          writeStatuses.push(await mergePullRequest(hub, open.model, open.num));
          open = null;
        } else {
          const { status, pullRequest } = await commitResults(hub, model, `w${w}-${i % FILES_PER_WRITER}`, (i % 1000) / 1000, i % 5 === 4);
          writeStatuses.push(status);
          if (pullRequest !== null) open = { model, num: pullRequest };
        }
        const took = performance.now() - started;
        writeLatencies.push(took);
        if (took < WRITE_INTERVAL_MS && Date.now() + WRITE_INTERVAL_MS - took < until) await new Promise((r) => setTimeout(r, WRITE_INTERVAL_MS - took));
      }
    };
    let tick = 0;
    const sampler = setInterval(() => {
      void residentMb(pid).then((mb) => rssSamples.push(mb));
      if (tick++ % USAGE_EVERY_SECONDS === 0) void memoryUsageOf({ pid, output: hub.output }).then((usage) => usage && usageSamples.push(usage));
    }, 1000);
    const [reads] = await Promise.all([pacedLoad(hub.url, paths, { connections: READERS, seconds: SECONDS, rate: READS_PER_SECOND }), ...Array.from({ length: WRITERS }, (_, w) => writer(w))]);
    clearInterval(sampler);
    const rssEnd = await residentMb(pid);

    const third = Math.floor(rssSamples.length / 3);
    const [early, middle, late] = [rssSamples.slice(0, third), rssSamples.slice(third, 2 * third), rssSamples.slice(2 * third)].map((xs) => median(xs));
    const failedWrites = writeStatuses.filter((s) => s !== 200).length;
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
    const usageThirds = (pick: (u: MemoryUsage) => number) => {
      const n = Math.floor(usageSamples.length / 3);
      return [usageSamples.slice(0, n), usageSamples.slice(n, 2 * n), usageSamples.slice(2 * n)].map((xs) => mb(median(xs.map(pick)))).join(" → ");
    };
    const targeted = reads.among(isTargetedRead);
    report(
      `soak ${hub.dialect} ${SECONDS} s, ${READERS} connections at ${READS_PER_SECOND} reads/s, ${WRITERS} writers at a write a second each (commits; every fifth a pull request, merged by the next): ${reads.requests} reads (${Math.round(reads.rps)}/s, p50 ${reads.p50} ms, p99 ${reads.p99} ms, ${reads.failures} failed: ${reads.non2xx} non-2xx, ${reads.errors} errors, ${reads.timeouts} timeouts), ` +
        `${writeStatuses.length} writes (p50 ${median(writeLatencies).toFixed(0)} ms, p99 ${percentile(writeLatencies, 99).toFixed(0)} ms, ${failedWrites} failed), ` +
        `RSS ${rssStart.toFixed(0)} MB after warm-up → ${rssEnd.toFixed(0)} MB at the end (max ${Math.max(...rssSamples).toFixed(0)} MB; ` +
        `medians of the thirds of the run ${[early, middle, late].map((x) => (x as number).toFixed(0)).join(" → ")} MB; ` +
        `the server's own account by thirds: V8 heap used ${usageThirds((u) => u.heapUsed)} MB of ${usageThirds((u) => u.heapTotal)} MB reserved, outside the heap ${usageThirds((u) => u.external)} MB); ` +
        `read latency against the performance targets (p50 ≤ ${READ_TARGETS.p50} ms, p99 ≤ ${READ_TARGETS.p99} ms), all reads: ${within(reads)}; ` +
        `the reads those targets are set for (leaderboards and model results): p50 ${targeted.p50} ms, p99 ${targeted.p99} ms, ${within(targeted)}; ` +
        `a bare node:http server with the same bytes under the same load: p50 ${bare.p50} ms, p99 ${bare.p99} ms (${bare.failures} failed); ` +
        `p50/p99 by path: ${reads.byPath.map((r) => `${r.path} ${r.p50}/${r.p99}`).join(", ")}`,
    );
    if (process.env.SOAK_OUTPUT) await writeFile(process.env.SOAK_OUTPUT, hub.output());
    expect(reads.failures).toBe(0);
    expect(failedWrites).toBe(0);
    expect(writeStatuses.length).toBeGreaterThan(0);
    expect(rssSamples.length).toBeGreaterThanOrEqual(9);
    expect(usageSamples.length).toBeGreaterThanOrEqual(3);
    expect(usageSamples.every((u) => u.heapUsed > 0 && u.heapUsed <= u.heapTotal)).toBe(true);
    expect(late as number).toBeLessThanOrEqual((middle as number) * RSS_TREND_LIMIT.factor + RSS_TREND_LIMIT.plusMb);
    await expectGitFsckClean(hub.dataDir);
    await expectIndexEqualsGit(hub);
  });
});
