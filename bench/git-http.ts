// Scenario `git-http`: cloning a repository from the hub over smart HTTP against `git http-backend` run directly
// (CGI behind a tiny node:http wrapper) on the same repository, on SQLite and PostgreSQL hubs.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { runGit } from "../src/git/run.ts";
import type { Scenario, ScenarioResult } from "./main.ts";
import { importRepo, type ImportCommit } from "./generate/fast-import.ts";
import { unit } from "./generate/shape.ts";
import { startChild } from "./support/child-server.ts";
import { DIALECTS, environmentNote } from "./support/databases.ts";
import { fmt, median, verdict } from "./support/load.ts";
import { ok, startSmallHub } from "./support/small-hub.ts";

const CLONES = Number(process.env.BENCH_CLONES ?? 7);
const COMMITS = 80;
const FILES_PER_COMMIT = 40;
const TARGET = 0.8;

/** Text that compresses like real files do (not like zeros): words and numbers drawn at random. */
function fileText(commit: number, file: number): string {
  const words = ["model", "score", "task", "eval", "value", "split", "config", "dataset", "results", "harness", "accuracy", "date"];
  const out: string[] = [];
  for (let i = 0; i < 1500; i++) {
    const r = unit(commit, file, i);
    out.push(r < 0.5 ? (words[Math.floor(r * 2 * words.length)] as string) : (r * 1e6).toFixed(0));
  }
  return `${out.join(" ")}\n`;
}

function history(): ImportCommit[] {
  return Array.from({ length: COMMITS }, (_, c) => ({
    ref: "refs/heads/main",
    time: 1_767_225_600 + c * 60,
    message: `Commit ${c}`,
    from: c === 0 ? undefined : c,
    files: Object.fromEntries(Array.from({ length: FILES_PER_COMMIT }, (_, f) => [`data/part-${(c * 7 + f) % 300}.txt`, fileText(c, f)])),
  }));
}

async function cloneSeconds(url: string, dest: string): Promise<{ seconds: number; bytes: number }> {
  rmSync(dest, { recursive: true, force: true });
  const started = performance.now();
  await runGit(null, ["clone", "--bare", "--quiet", url, dest], { config: ["protocol.http.allow=always"], timeoutMs: 600_000 });
  const seconds = (performance.now() - started) / 1000;
  const { stdout } = await runGit(dest, ["count-objects", "-v"]);
  const packKib = Number(/size-pack: (\d+)/.exec(stdout.toString("utf8"))?.[1] ?? 0);
  return { seconds, bytes: packKib * 1024 };
}

async function run(): Promise<ScenarioResult> {
  const rows: string[][] = [];
  const findings: string[] = [];
  let size = 0;
  for (const dialect of DIALECTS) {
    const hub = await startSmallHub(dialect);
    const backend = await startChild("bench/support/http-backend.ts", [join(hub.dataDir, "repos", "models")], {});
    try {
      await ok(await hub.call("POST", "/api/repos/create", JSON.stringify({ name: "big", organization: "admin", type: "model" })), "create model");
      await importRepo(join(hub.dataDir, "repos", "models", "admin", "big.git"), history());
      const dest = join(hub.dataDir, "clone.git");
      const viaHub: number[] = [];
      const direct: number[] = [];
      await cloneSeconds(`${hub.server.url}/admin/big`, dest);
      await cloneSeconds(`${backend.url}/admin/big.git`, dest);
      for (let i = 0; i < CLONES; i++) {
        const a = await cloneSeconds(`${hub.server.url}/admin/big`, dest);
        const b = await cloneSeconds(`${backend.url}/admin/big.git`, dest);
        viaHub.push(a.seconds);
        direct.push(b.seconds);
        size = a.bytes;
      }
      const share = median(direct) / median(viaHub);
      const mib = size / 1024 / 1024;
      rows.push([dialect, fmt(mib, 1), fmt(median(viaHub), 2), fmt(mib / median(viaHub), 1), fmt(median(direct), 2), fmt(mib / median(direct), 1), `${fmt(share * 100)}%`, verdict(share >= TARGET)]);
      findings.push(`${dialect}: a clone from the hub runs at ${fmt(share * 100)}% of \`git http-backend\`'s throughput (target ≥ ${TARGET * 100}%): ${verdict(share >= TARGET)}.`);
    } finally {
      await backend.stop();
      await hub.close();
    }
  }
  return {
    title: "Git over HTTP",
    notes: [
      `One model repository of ${COMMITS} commits touching ${FILES_PER_COMMIT} text files each (300 files at the head, about 10 KiB each, ${fmt(size / 1024 / 1024, 1)} MiB packed), written with \`git fast-import\` into a fresh hub. \`git clone --bare\` over smart HTTP (protocol v2) from the hub's server, and from \`git http-backend\` run as CGI by \`bench/support/http-backend.ts\` on the same folder, alternating, ${CLONES} times each after one warm-up clone; medians of wall-clock time, throughput as packed MiB per second. Both sides pack the objects for every clone (no cached packs), as \`upload-pack\` does.`,
      await environmentNote(),
    ],
    tables: [{ caption: "Clone (seconds, MiB/s)", table: { headers: ["", "pack MiB", "hub s", "hub MiB/s", "http-backend s", "http-backend MiB/s", "of http-backend", "target ≥ 80%"], rows } }],
    findings,
  };
}

export const scenario: Scenario = { run };
