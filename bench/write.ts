// Scenario `write`: a commit adding one `.eval_results` file through the API (which returns with the entry already
// indexed) against the same commit made with raw git plumbing on a copy of the repository, on SQLite and PostgreSQL.
import { cpSync } from "node:fs";
import { join } from "node:path";
import { runGit } from "../src/git/run.ts";
import type { Scenario, ScenarioResult } from "./main.ts";
import { evalYaml, resultsFile } from "./generate/files.ts";
import { defaultShape } from "./generate/shape.ts";
import { DIALECTS, environmentNote } from "./support/databases.ts";
import { fmt, median, verdict } from "./support/load.ts";
import { gitProcessesPerCommit } from "./support/commit-profile.ts";
import { ndjsonCommit, ok, startSmallHub } from "./support/small-hub.ts";

const COMMITS = Number(process.env.BENCH_WRITE_COMMITS ?? 15);
const WARMUP = 3;
const TARGET = 2;
const shape = { ...defaultShape(1), benchmarks: 1 };

/** The file of commit i: the synthetic results of benchmark 0 (5 tasks) pointing at the hub's own benchmark. */
const fileOf = (i: number) => resultsFile(shape, i, 0).replaceAll("bench-org/suite-0", "admin/suite");

const IDENTITY = { GIT_AUTHOR_NAME: "Bench", GIT_AUTHOR_EMAIL: "bench@evalhub.local", GIT_COMMITTER_NAME: "Bench", GIT_COMMITTER_EMAIL: "bench@evalhub.local" };

async function git(dir: string, args: string[], input?: string): Promise<string> {
  return (await runGit(dir, args, { input, env: IDENTITY })).stdout.toString("utf8").trim();
}

/** The same commit with plumbing only: blob, the two trees, the commit, then a compare-and-swap of main. */
async function plumbingCommit(dir: string, path: string, content: string): Promise<void> {
  const blob = await git(dir, ["hash-object", "-w", "--stdin"], content);
  const head = await git(dir, ["rev-parse", "refs/heads/main"]);
  const [folder, name] = path.split("/") as [string, string];
  const inner = await git(dir, ["ls-tree", `${head}:${folder}`]).catch(() => "");
  const subtree = await git(dir, ["mktree"], `${inner}${inner ? "\n" : ""}100644 blob ${blob}\t${name}\n`);
  const root = (await git(dir, ["ls-tree", head])).split("\n").filter((line) => !line.endsWith(`\t${folder}`)).join("\n");
  const tree = await git(dir, ["mktree"], `${root}\n040000 tree ${subtree}\t${folder}\n`);
  const commit = await git(dir, ["commit-tree", tree, "-p", head, "-m", `Add ${path}`]);
  await git(dir, ["update-ref", "refs/heads/main", commit, head]);
}

async function run(): Promise<ScenarioResult> {
  const rows: string[][] = [];
  const findings: string[] = [];
  for (const dialect of DIALECTS) {
    const hub = await startSmallHub(dialect);
    try {
      await ok(await hub.call("POST", "/api/repos/create", JSON.stringify({ name: "suite", organization: "admin", type: "dataset" })), "create dataset");
      await ok(await hub.call("POST", "/api/datasets/admin/suite/commit/main", ndjsonCommit("eval.yaml", { "eval.yaml": evalYaml(shape, 0) }), "application/x-ndjson"), "commit eval.yaml");
      await ok(await hub.call("POST", "/api/repos/create", JSON.stringify({ name: "writer", organization: "admin", type: "model" })), "create model");
      const hubDir = join(hub.dataDir, "repos", "models", "admin", "writer.git");
      const copy = join(hub.dataDir, "plumbing-copy.git");
      cpSync(hubDir, copy, { recursive: true });
      const api: number[] = [];
      const plumbing: number[] = [];
      for (let i = 0; i < WARMUP + COMMITS; i++) {
        const path = `.eval_results/run-${i}.yaml`;
        const content = fileOf(i);
        let started = performance.now();
        const body = JSON.parse(await ok(await hub.call("POST", "/api/models/admin/writer/commit/main", ndjsonCommit(`Add ${path}`, { [path]: content }), "application/x-ndjson"), "commit")) as { commitOid: string };
        const apiMs = performance.now() - started;
        started = performance.now();
        await plumbingCommit(copy, path, content);
        const plumbingMs = performance.now() - started;
        if (i >= WARMUP) {
          api.push(apiMs);
          plumbing.push(plumbingMs);
        }
        if (i === WARMUP) {
          // Visible at once: the entries of the commit the API just returned are on the model's results already.
          const results = JSON.parse(await ok(await hub.call("GET", "/api/models/admin/writer/eval-results"), "read back")) as unknown[];
          if (results.length !== (i + 1) * shape.tasksPerBenchmark) throw new Error(`after commit ${body.commitOid} the model shows ${results.length} entries, not ${(i + 1) * shape.tasksPerBenchmark}`);
        }
      }
      const ratio = median(api) / median(plumbing);
      rows.push([dialect, fmt(median(api), 1), fmt(Math.min(...api), 1), fmt(median(plumbing), 1), fmt(Math.min(...plumbing), 1), `${fmt(ratio, 2)}×`, verdict(ratio <= TARGET)]);
      findings.push(`${dialect}: the API commit, indexed, takes ${fmt(ratio, 2)}× the plumbing commit (target ≤ ${TARGET}×): ${verdict(ratio <= TARGET)}.`);
    } finally {
      await hub.close();
    }
  }
  const files = Array.from({ length: WARMUP + COMMITS }, (_, i) => ({ path: `.eval_results/run-${i}.yaml`, content: fileOf(i) }));
  const spawns = await gitProcessesPerCommit(evalYaml(shape, 0).replaceAll("bench-org/suite-0", "admin/suite"), files);
  const total = [...spawns.values()].reduce((a, b) => a + b, 0);
  const bySub = [...spawns.entries()].sort((a, b) => b[1] - a[1]).map(([sub, n]) => `\`git ${sub}\` ${n}`).join(", ");
  findings.push(`Profile: the last API commit (the model then has ${files.length} results files) started ${total} git processes in the hub (${bySub}), counted in an in-process hub; the plumbing commit starts 8. Indexing takes one \`cat-file --batch-command\` for the refs and every tree, blob and commit it reads; the rest is the commit itself (main is still recomputed from scratch: every results file is read again, in that one process). A file's time needs a \`git log\` walk only when one of its entries has no date of its own.`);
  return {
    title: "Write to visible",
    notes: [
      `A fresh hub (its own server process, database and data folder) with a benchmark \`admin/suite\` (5 tasks) and a model \`admin/writer\`. Each of ${COMMITS} timed commits (after ${WARMUP} warm-up ones) adds one \`.eval_results/run-N.yaml\` with 5 valid entries: once through \`POST /api/models/admin/writer/commit/main\` (NDJSON, as huggingface_hub sends it; the request returns once the entries are indexed, which the scenario checks by reading the model's results), and once with raw plumbing on a bare copy of the repository from the bench process: \`hash-object -w\`, \`rev-parse\`, \`ls-tree\` and \`mktree\` for the folder and the root, \`commit-tree\`, \`update-ref\` with the old value. The two alternate commit by commit; times are wall-clock per commit, client side.`,
      await environmentNote(),
    ],
    tables: [{ caption: "One commit of one results file (ms)", table: { headers: ["", "API median", "API best", "plumbing median", "plumbing best", "ratio", "target ≤ 2×"], rows } }],
    findings,
  };
}

export const scenario: Scenario = { run };
