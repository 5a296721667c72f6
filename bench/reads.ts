// Scenario `reads`: leaderboard (top 100) and model-results reads at 1,000,000 indexed entries, 50 concurrent
// clients, against a bare node:http server answering the same bytes from memory, on SQLite and PostgreSQL.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Scenario, ScenarioResult } from "./main.ts";
import { modelId } from "./generate/shape.ts";
import { bundled } from "./support/bundle.ts";
import { startChild, type ChildServer } from "./support/child-server.ts";
import { DIALECTS, environmentNote } from "./support/databases.ts";
import { fmt, load, median, verdict, type LoadFigures } from "./support/load.ts";
import { summariseProfile } from "./support/profile.ts";
import { readHub, type ReadHub } from "./support/read-hub.ts";

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MODEL_PAGES = 200;
const TARGET = { p50: 5, p99: 25, share: 0.5 };

export const leaderboardPath = (task: number, offset = 0) => `/api/datasets/bench-org/suite-0/leaderboard?task_id=task_${task}&limit=100${offset ? `&offset=${offset}` : ""}`;
export const modelPaths = (hub: ReadHub, count: number) =>
  Array.from({ length: count }, (_, i) => `/api/models/${modelId(hub.shape, Math.floor((i * hub.shape.models) / count))}/eval-results`);

/** The hub's server in a process of its own, from a bundle as `evalhub serve` runs (bench/support/bundle.ts). */
export async function startHubServer(hub: ReadHub, profileDir?: string): Promise<ChildServer> {
  const env = { PORT: "0", HOST: "127.0.0.1", EVALHUB_DATA: hub.dataDir, DATABASE_URL: hub.databaseUrl, LOG_LEVEL: "warn" };
  return startChild(await bundled("bench/support/serve.ts"), [], env, profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []);
}

async function timed(url: string): Promise<{ ms: number; body: string }> {
  const started = performance.now();
  const res = await fetch(url);
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${body.slice(0, 200)}`);
  return { ms: performance.now() - started, body };
}

interface EndpointFigures {
  name: string;
  hub: LoadFigures;
  bare: LoadFigures;
  coldMs: number;
  bytes: number;
}

async function measureDialect(hub: ReadHub, profileDir: string): Promise<{ endpoints: EndpointFigures[]; profile: string[] }> {
  const server = await startHubServer(hub);
  let bare: ChildServer | undefined;
  try {
    // Cold: the first request of each URL computes the answer (later ones are served from the read cache).
    const coldBoards = [];
    for (let task = 1; task < 5; task++) coldBoards.push((await timed(`${server.url}${leaderboardPath(task)}`)).ms);
    const boards = [leaderboardPath(0)];
    const models = modelPaths(hub, MODEL_PAGES);
    const coldModels = [];
    const bodies: Record<string, string> = {};
    for (const path of [...boards, ...models]) {
      const { ms, body } = await timed(`${server.url}${path}`);
      if (path.includes("/models/")) coldModels.push(ms);
      bodies[path] = body;
    }
    const file = resolve("bench/.cache/bare-bodies.json");
    writeFileSync(file, JSON.stringify(bodies));
    bare = await startChild("bench/support/bare-server.ts", [file], {});
    const endpoints: EndpointFigures[] = [];
    for (const [name, paths, cold] of [["leaderboard, top 100", boards, median(coldBoards)], ["model results", models, median(coldModels)]] as const) {
      const hubRuns: LoadFigures[] = [];
      const bareRuns: LoadFigures[] = [];
      await load(server.url, paths, { connections: CONNECTIONS, seconds: 2 });
      await load(bare.url, paths, { connections: CONNECTIONS, seconds: 2 });
      for (let round = 0; round < ROUNDS; round++) {
        hubRuns.push(await load(server.url, paths, { connections: CONNECTIONS, seconds: SECONDS }));
        bareRuns.push(await load(bare.url, paths, { connections: CONNECTIONS, seconds: SECONDS }));
      }
      const pick = (runs: LoadFigures[]): LoadFigures => ({
        p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)), rps: median(runs.map((r) => r.rps)),
        requests: runs.reduce((n, r) => n + r.requests, 0), failures: runs.reduce((n, r) => n + r.failures, 0),
        non2xx: runs.reduce((n, r) => n + r.non2xx, 0), errors: runs.reduce((n, r) => n + r.errors, 0), timeouts: runs.reduce((n, r) => n + r.timeouts, 0),
      });
      const bytes = paths.reduce((n, p) => n + Buffer.byteLength(bodies[p] ?? ""), 0) / paths.length;
      endpoints.push({ name, hub: pick(hubRuns), bare: pick(bareRuns), coldMs: cold, bytes });
    }
    await server.stop();
    return { endpoints, profile: await profileHotReads(hub, profileDir, [...boards, ...models]) };
  } finally {
    await server.stop();
    await bare?.stop();
  }
}

/**
 * Where a hub server's time goes on cached reads, measured apart from the timed rounds (the profiler slows what
 * it samples): a new server with `--cpu-prof`, every path asked once (the cold answers), then the same load.
 */
async function profileHotReads(hub: ReadHub, profileDir: string, paths: string[]): Promise<string[]> {
  rmSync(profileDir, { recursive: true, force: true });
  mkdirSync(profileDir, { recursive: true });
  const server = await startHubServer(hub, profileDir);
  try {
    for (const path of paths) await timed(`${server.url}${path}`);
    await load(server.url, paths, { connections: CONNECTIONS, seconds: SECONDS });
  } finally {
    await server.stop();
  }
  // The load's seconds only: the first request of each path (computing it cold) is not what this profile is of.
  return summariseProfile(profileDir, 10, { skipStartup: true, lastSeconds: SECONDS });
}

async function run(): Promise<ScenarioResult> {
  const rows: string[][] = [];
  const findings: string[] = [];
  const notes: string[] = [];
  const profiles: string[] = [];
  for (const dialect of DIALECTS) {
    const hub = await readHub(dialect);
    notes.push(`${dialect}: ${fmt(hub.shape.models)} models × ${hub.shape.benchmarks} benchmarks × ${hub.shape.tasksPerBenchmark} tasks: ${fmt(hub.results)} indexed entries (main, plus ${fmt(hub.results - hub.shape.models * hub.shape.benchmarks * hub.shape.tasksPerBenchmark)} of open pull requests), ${fmt(hub.history)} history events; ${hub.generatedIn === null ? "database from the cache" : `generated in ${fmt(hub.generatedIn)} s`}.`);
    const { endpoints, profile } = await measureDialect(hub, resolve("bench/.cache/profiles", `reads-${dialect}`));
    profiles.push(`Profile of the ${dialect} hub server serving cached answers (a separate run of ${SECONDS} s after every path was asked once, the last ${SECONDS} s of the profile only; share of busy time, self): ${profile.join("; ")}.`);
    for (const e of endpoints) {
      const share = e.hub.rps / e.bare.rps;
      const met = e.hub.p50 <= TARGET.p50 && e.hub.p99 <= TARGET.p99 && share >= TARGET.share;
      rows.push([
        `${dialect}: ${e.name}`, fmt(e.bytes / 1024, 1), fmt(e.coldMs, 1), fmt(e.hub.p50, 1), fmt(e.hub.p99, 1), fmt(e.hub.rps), fmt(e.bare.p50, 1), fmt(e.bare.p99, 1), fmt(e.bare.rps), `${fmt(share * 100)}%`,
        `${e.hub.failures + e.bare.failures}`, verdict(met),
      ]);
      findings.push(`${dialect}, ${e.name}: p50 ${fmt(e.hub.p50, 1)} ms (target ≤ ${TARGET.p50}: ${verdict(e.hub.p50 <= TARGET.p50)}), p99 ${fmt(e.hub.p99, 1)} ms (≤ ${TARGET.p99}: ${verdict(e.hub.p99 <= TARGET.p99)}), ${fmt(share * 100)}% of the bare server's requests per second (≥ ${TARGET.share * 100}%: ${verdict(share >= TARGET.share)}).`);
    }
  }
  return {
    title: "Leaderboard and model-results reads at a million entries",
    notes: [
      `Each dialect's hub runs \`bench/support/serve.ts\` (the same hub and server as \`evalhub serve\`, without the background reconciler) in a process of its own, bundled with esbuild and run by plain node as \`evalhub serve\` is; autocannon drives ${CONNECTIONS} concurrent connections from the bench process. The baseline is a bare \`node:http\` server (\`bench/support/bare-server.ts\`) answering the same paths with the same bytes from memory, measured in the same run, alternating with the hub: ${ROUNDS} rounds of ${SECONDS} s each after a 2 s warm-up, medians shown. The leaderboard is \`suite-0\`'s \`task_0\`, top 100 (\`limit=100\`), anonymous; model results cycle through ${MODEL_PAGES} models spread over the hub.`,
      "Answers come from the read cache (`src/api/read-cache.ts`): whole answers keyed by the database's read version (`0010_read_version`: triggers move it on every write to a table the answer depends on), the viewer and the URL. \"Cold\" is the first request of a URL at a version, which computes the answer: the median over four other tasks' leaderboards, and over the model pages.",
      ...notes,
      await environmentNote(),
    ],
    tables: [{
      caption: "Reads, 50 connections (latencies in ms)",
      table: { headers: ["", "answer KiB", "cold", "p50", "p99", "req/s", "bare p50", "bare p99", "bare req/s", "of bare", "failures", "targets"], rows },
    }],
    findings: [...findings, ...profiles],
  };
}

export const scenario: Scenario = { run };
