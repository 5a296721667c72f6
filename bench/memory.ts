// Scenario `memory`: the hub server's resident memory while it serves a million indexed entries: every task's
// leaderboard (several pages each) and thousands of model pages under 50 connections, sampled from /proc.
import type { Scenario, ScenarioResult } from "./main.ts";
import { leaderboardPath, modelPaths, startHubServer } from "./reads.ts";
import { DIALECTS, environmentNote } from "./support/databases.ts";
import { fmt, load, verdict } from "./support/load.ts";
import { memoryUsageOf } from "./support/memory-usage.ts";
import { readHub } from "./support/read-hub.ts";

const SECONDS = Number(process.env.BENCH_MEMORY_SECONDS ?? 20);
const TARGET_MB = 300;
const MB = 1024 * 1024;

async function run(): Promise<ScenarioResult> {
  const rows: string[][] = [];
  const findings: string[] = [];
  const breakdowns: string[] = [];
  for (const dialect of DIALECTS) {
    const hub = await readHub(dialect);
    const server = await startHubServer(hub);
    try {
      const idle = server.rss();
      const boards: string[] = [];
      for (let task = 0; task < hub.shape.tasksPerBenchmark; task++) for (const offset of [0, 100, 1000]) boards.push(leaderboardPath(task, offset));
      const paths = [...boards, ...modelPaths(hub, 5000)];
      let peak = idle;
      const sampler = setInterval(() => (peak = Math.max(peak, server.rss())), 200);
      const figures = await load(server.url, paths, { connections: 50, seconds: SECONDS });
      clearInterval(sampler);
      const end = server.rss();
      peak = Math.max(peak, end);
      const usage = await memoryUsageOf(server);
      if (usage) breakdowns.push(`${dialect} at the end: RSS ${fmt(usage.rss / MB)} MB, of which V8's heap reserves ${fmt(usage.heapTotal / MB)} MB (${fmt(usage.heapUsed / MB)} MB in use), and ${fmt(usage.external / MB)} MB is outside it (buffers ${fmt(usage.arrayBuffers / MB)} MB); the rest is code, stacks and the database driver's own memory.`);
      rows.push([dialect, fmt(idle / MB), fmt(peak / MB), fmt(end / MB), fmt(figures.requests), `${figures.failures}`, verdict(peak <= TARGET_MB * MB)]);
      findings.push(`${dialect}: peak RSS ${fmt(peak / MB)} MB while serving ${fmt(hub.results)} entries (target ≤ ${TARGET_MB} MB): ${verdict(peak <= TARGET_MB * MB)}.${figures.failures > 0 ? ` ${fmt(figures.failures)} requests failed or timed out (autocannon gives up after 10 s): connections wait on cold answers, the first of each task ranking all of its candidates.` : ""}`);
    } finally {
      await server.stop();
    }
  }
  return {
    title: "Server memory at a million entries",
    notes: [
      `The hub of \`reads\` (same database), its server in a process of its own; RSS read from \`/proc/PID/status\` every 200 ms while autocannon runs 50 connections for ${SECONDS} s over every task's leaderboard (pages at offsets 0, 100 and 1,000, each computed once per read version, then cached) and 5,000 different model pages. The read cache is capped at 32 MiB of answers.`,
      await environmentNote(),
    ],
    tables: [{ caption: "Resident memory (MB)", table: { headers: ["", "after start", "peak", "at the end", "requests", "failures", "target ≤ 300 MB"], rows } }],
    findings: [...findings, ...breakdowns],
  };
}

export const scenario: Scenario = { run };
