// Scenario `reindex`: rebuilding the results index from git (the hub's own `evalhub reindex` path) against
// `git cat-file --batch` reading the same blobs, on SQLite and PostgreSQL; and the cost of a reconcile pass.
import { resolve } from "node:path";
import pino from "pino";
import { loadConfig } from "../src/config.ts";
import { runGit } from "../src/git/run.ts";
import { openHub } from "../src/hub/hub.ts";
import { rebuildIndex } from "../src/hub/results/rebuild.ts";
import { verifyIndex } from "../src/hub/results/verify.ts";
import type { Scenario, ScenarioResult } from "./main.ts";
import { COMMUNITY_PATH, resultsPath } from "./generate/files.ts";
import { repoDir, writeGitRepos, writeHubState } from "./generate/git-hub.ts";
import { pullRequestsOf } from "./generate/hub-db.ts";
import { BENCH_OWNER, benchmarkName, defaultShape, modelName, ownerName, shapeKey, type HubShape } from "./generate/shape.ts";
import { DIALECTS, environmentNote, newDatabase } from "./support/databases.ts";
import { fmt, verdict } from "./support/load.ts";
import { profiled } from "./support/in-process-profile.ts";
import { countSpawns } from "./support/spawn-counter.ts";

const MODELS = Number(process.env.BENCH_REINDEX_MODELS ?? 500);
const TARGET_SHARE = 0.5;
const TARGET_SECONDS = 120;
const FULL_HUB = 100_000;

/** What the indexer reads of each repository, as `rev:path` lines for `git cat-file --batch`. */
function blobsOf(shape: HubShape): { dir: (dataDir: string) => string; specs: string[] }[] {
  const out: { dir: (dataDir: string) => string; specs: string[] }[] = [];
  for (let b = 0; b < shape.benchmarks; b++) out.push({ dir: (d) => repoDir(d, "dataset", BENCH_OWNER, benchmarkName(b)), specs: ["refs/heads/main:eval.yaml"] });
  for (let m = 0; m < shape.models; m++) {
    const mainFiles = Array.from({ length: shape.benchmarks }, (_, b) => resultsPath(b));
    const specs = [...mainFiles.map((p) => `refs/heads/main:${p}`), "refs/heads/main:README.md"];
    for (const pr of pullRequestsOf(shape, m).filter((p) => p.open)) specs.push(...[COMMUNITY_PATH, ...mainFiles].map((p) => `refs/pr/${pr.num}:${p}`));
    out.push({ dir: (d) => repoDir(d, "model", ownerName(shape, m), modelName(m)), specs });
  }
  return out;
}

async function catFileBaseline(dataDir: string, shape: HubShape): Promise<{ seconds: number; blobs: number; bytes: number }> {
  const started = performance.now();
  let blobs = 0;
  let bytes = 0;
  for (const repo of blobsOf(shape)) {
    const { stdout } = await runGit(repo.dir(dataDir), ["cat-file", "--batch"], { input: `${repo.specs.join("\n")}\n` });
    blobs += repo.specs.length;
    bytes += stdout.length;
  }
  return { seconds: (performance.now() - started) / 1000, blobs, bytes };
}

async function run(): Promise<ScenarioResult> {
  const shape = defaultShape(MODELS);
  const dataDir = resolve("bench/.cache", `git-${shapeKey(shape)}`);
  const generateStart = performance.now();
  let lastShown = 0;
  await writeGitRepos(dataDir, shape, {
    onProgress: (done, total) => {
      if (done - lastShown >= total / 10 || done === total) {
        lastShown = done;
        process.stdout.write(`  git: ${done}/${total} repositories\n`);
      }
    },
  });
  const generatedIn = (performance.now() - generateStart) / 1000;
  const repos = shape.models + shape.benchmarks;
  const rows: string[][] = [];
  const findings: string[] = [];
  let spawnProfile = "";
  const profiles: string[] = [];
  for (const dialect of DIALECTS) {
    const database = await newDatabase(dialect);
    const hub = await openHub(loadConfig({ EVALHUB_DATA: dataDir, DATABASE_URL: database.url, LOG_LEVEL: "silent" }), pino({ level: "silent" }));
    try {
      await writeHubState(hub.db, shape, "hf_benchreindextoken000000000000");
      const baseline = await catFileBaseline(dataDir, shape);
      let started = performance.now();
      const { result: summary, spawns } = await countSpawns(() => rebuildIndex(hub));
      const rebuildSeconds = (performance.now() - started) / 1000;
      started = performance.now();
      await hub.results.indexAll(await hub.db.selectFrom("repos").selectAll().execute());
      const passSeconds = (performance.now() - started) / 1000;
      const differences = await verifyIndex(hub.indexContext, { settleMs: [] });
      if (summary.failed.length > 0) throw new Error(`reindex failed for ${summary.failed.length} repositories: ${summary.failed[0]?.error}`);
      // Profiled apart from the timed run (the profiler slows what it samples): a second forced rebuild, the same
      // reads and row writes, without history events (nothing changed).
      const { profile, busy } = await profiled(() => rebuildIndex(hub));
      profiles.push(`Profile of a second forced rebuild on ${dialect}: the bench process was busy ${fmt(busy * 100)}% of the time (the rest it waited on git and the database); of the busy time (self): ${profile.join("; ")}.`);
      const rate = repos / rebuildSeconds;
      const baseRate = repos / baseline.seconds;
      const share = rate / baseRate;
      const fullHub = FULL_HUB / rate;
      rows.push([dialect, fmt(repos), fmt(summary.results), fmt(rebuildSeconds, 1), fmt(rate, 1), fmt(baseline.seconds, 1), fmt(baseRate, 1), `${fmt(share * 100)}%`, fmt(fullHub / 60, 1), fmt((FULL_HUB / repos) * passSeconds / 60, 1), `${differences.length}`]);
      findings.push(`${dialect}: reindex runs at ${fmt(share * 100)}% of \`git cat-file --batch\`'s throughput (target ≥ ${TARGET_SHARE * 100}%): ${verdict(share >= TARGET_SHARE)}; 100,000 model repositories would take about ${fmt(fullHub / 60, 1)} min, extrapolated linearly from ${fmt(MODELS)} (target < 2 min): ${verdict(fullHub < TARGET_SECONDS)}.`);
      if (!spawnProfile) {
        // Rebuild runs two passes: the forced one, then a catch-up pass over the repositories whose refs moved.
        const total = [...spawns.values()].reduce((a, b) => a + b, 0);
        const bySub = [...spawns.entries()].sort((a, b) => b[1] - a[1]).map(([sub, n]) => `\`git ${sub}\` ${fmt(n / repos, 1)}`).join(", ");
        spawnProfile = `Profile: the rebuild started ${fmt(total)} git processes, ${fmt(total / repos, 1)} per repository (${bySub}), against one \`cat-file --batch\` per repository for the baseline. Each is a fork and exec of git with its start-up, which the baseline pays once per repository. The forced pass reads a repository's refs, trees, blobs and commits through one \`cat-file --batch-command\` (a \`git log\` walk only for files with an entry without a date, a \`merge-base\` per open pull request); the catch-up pass reads the refs again only of repositories whose ref files changed meanwhile (none here).`;
      }
    } finally {
      await hub.close();
      await database.drop();
    }
  }
  return {
    title: "Reindex from git",
    notes: [
      `A hub in git: ${fmt(shape.models)} model repositories and ${shape.benchmarks} benchmark datasets written by \`bench/generate/git-hub.ts\` with one \`git fast-import\` per repository (two in parallel; ${generatedIn < 1 ? "taken from the cache in bench/.cache" : `${fmt(generatedIn)} s`}). Each model has ${shape.benchmarks} results files of ${shape.tasksPerBenchmark} entries and a card on main; ${fmt(shape.historyShare * 100)}% have an earlier commit, ${fmt(shape.openPrShare * 100)}% an open pull request with a community entry, ${fmt(shape.closedPrShare * 100)}% a closed one. The rebuild is \`rebuildIndex\` (what \`evalhub reindex\` runs) in the bench process, on a new database holding only the accounts, repositories and pull requests; \`verify\` then recomputes everything and compares (the last column, which must be 0).`,
      "The baseline reads the same blobs (every results file of main and of each open pull request, the card, each eval.yaml) with one `git cat-file --batch` per repository, in the same order. \"Reconcile pass\" is `indexAll` without force over an up-to-date index (what every server does at start and every `EVALHUB_RECONCILE_SECONDS`), extrapolated to 100,000 repositories.",
      await environmentNote(),
    ],
    tables: [{
      caption: "Reindex (seconds; 100k columns in minutes, extrapolated linearly)",
      table: { headers: ["", "repositories", "entries", "reindex s", "repos/s", "cat-file s", "cat-file repos/s", "of cat-file", "100k reindex min", "100k reconcile pass min", "verify differences"], rows },
    }],
    findings: [...findings, spawnProfile, ...profiles],
  };
}

export const scenario: Scenario = { run };
