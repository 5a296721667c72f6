import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { EVALHUB_BIN, describeEachDialectWithHub } from "../support/hub-process.ts";
import { FIXTURES, commitTo, getJson, type BoardRow } from "../support/results-hub.ts";
import { runCommand } from "../support/run-command.ts";
import { call, createRepoAs } from "../support/write-api.ts";

// The CLI against a started hub: login, import of real git clones, submit (main, --pr, a duplicate, an invalid
// file), leaderboard and results in every format, and the export snapshot. CLI processes are few on purpose.

const GPQA = "Idavidrein/gpqa";
const FLASH = "Vedika-advanced-AI/Vedika-4.1-flash";
const AURA = "Vedika-advanced-AI/Aura-Gen-2.0";
const MODEL_CARD = "---\nlibrary_name: transformers\npipeline_tag: text-generation\n---\n# A model\n";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function evalhub(env: NodeJS.ProcessEnv, args: string[], input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [EVALHUB_BIN, ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}

/** A working clone made with git: one commit per step, each with its files. */
async function makeClone(dir: string, steps: { message: string; files: Record<string, string> }[]): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const git = (args: string[], at: number) =>
    runCommand("git", args, {
      cwd: dir,
      env: {
        PATH: process.env.PATH, HOME: dir, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1",
        GIT_AUTHOR_NAME: "Importer", GIT_AUTHOR_EMAIL: "importer@example.org", GIT_COMMITTER_NAME: "Importer", GIT_COMMITTER_EMAIL: "importer@example.org",
        GIT_AUTHOR_DATE: `2026-0${at + 1}-01T12:00:00Z`, GIT_COMMITTER_DATE: `2026-0${at + 1}-01T12:00:00Z`,
      },
    });
  await git(["init", "-q", "-b", "main"], 0);
  for (const [i, step] of steps.entries()) {
    for (const [path, content] of Object.entries(step.files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    await git(["add", "-A"], i);
    await git(["commit", "-q", "-m", step.message], i);
  }
}

const fixture = (path: string) => readFileSync(join(FIXTURES, path), "utf8");
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

describeEachDialectWithHub("the CLI against a hub", (getHub) => {
  const work = mkdtempSync(join(tmpdir(), "evalhub-cli-hub-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const hub = getHub();
    env = { ...hub.env, XDG_CONFIG_HOME: join(work, "config") };
    delete env.EVALHUB_TOKEN;
    delete env.HF_TOKEN;
    delete env.EVALHUB_HUB;
    await Promise.all(["Idavidrein", "Vedika-advanced-AI"].map((ns) => hub.cli(["org", "create", ns, "--member", "admin:admin"])));
    const clones = join(work, "clones");
    // Three layouts: a flat <ns>__<name> (a dataset, told by its eval.yaml), <ns>/<name> (a model, by default) and
    // models/<ns>/<name> (a model, by its folder).
    await makeClone(join(clones, "Idavidrein__gpqa"), [
      { message: "Add the dataset card", files: { "README.md": "---\ntask_categories: [question-answering]\n---\n# GPQA\n" } },
      { message: "Add eval.yaml", files: { "eval.yaml": fixture("eval-yaml/Idavidrein__gpqa.eval.yaml") } },
    ]);
    await makeClone(join(clones, "Vedika-advanced-AI", "Vedika-4.1-flash"), [
      { message: "Model card", files: { "README.md": MODEL_CARD } },
      { message: "GPQA result", files: { ".eval_results/gpqa.yaml": fixture("eval-results/Vedika-advanced-AI__Vedika-4.1-flash__gpqa.yaml") } },
    ]);
    await makeClone(join(clones, "models", "Vedika-advanced-AI", "Aura-Gen-2.0"), [
      { message: "Model card", files: { "README.md": MODEL_CARD } },
      { message: "Config", files: { "config.json": "{}\n" } },
      { message: "GPQA Diamond result", files: { ".eval_results/gpqa_diamond.yaml": fixture("eval-results/Vedika-advanced-AI__Aura-Gen-2.0__gpqa_diamond.yaml") } },
    ]);
  });

  it("logs in: checks the token, saves hub and token readable by the owner only; a bad token is refused with the server's code", async () => {
    const hub = getHub();
    const bad = await evalhub(env, ["login", "--hub", hub.url, "--token-stdin"], "hf_not_a_token\n");
    expect(bad.code, bad.stderr).toBe(3);
    expect(bad.stderr).toMatch(/401 Unauthorized: /);
    const run = await evalhub(env, ["login", "--hub", hub.url, "--token-stdin"], `${hub.adminToken}\n`);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("as admin");
    const file = join(work, "config", "evalhub", "login.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ hub: hub.url, token: hub.adminToken });
  });

  it("imports a folder of clones with their history, datasets first; leaderboards follow; a re-run changes nothing", async () => {
    const hub = getHub();
    const run = await evalhub(env, ["import", join(work, "clones")]);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^created dataset Idavidrein\/gpqa: /);
    expect(lines.slice(1, 3).sort()).toEqual([expect.stringMatching(/^created model Vedika-advanced-AI\/Aura-Gen-2.0: /), expect.stringMatching(/^created model Vedika-advanced-AI\/Vedika-4.1-flash: /)]);
    expect(lines.at(-1)).toBe("3 repositories: 3 created, 0 updated, 0 unchanged, 0 failed; 0 folders skipped");

    for (const [kind, id, commits] of [["dataset", GPQA, 2], ["model", FLASH, 2], ["model", AURA, 3]] as const) {
      const res = await call(hub, "GET", `/api/${kind}s/${id}/commits/main?limit=10`);
      expect(res.status).toBe(200);
      expect(res.headers.get("x-total-count"), id).toBe(String(commits));
      const titles = ((await res.json()) as { title: string }[]).map((c) => c.title);
      expect(titles).not.toContain("initial commit");
    }
    const board = await getJson<BoardRow[]>(hub, `/api/datasets/${GPQA}/leaderboard?task_id=diamond`);
    expect(board.map((r) => [r.modelId, r.value])).toEqual([[FLASH, 78.8], [AURA, 72.22]]);

    const again = await evalhub(env, ["import", join(work, "clones"), "--format", "json"]);
    expect(again.code, again.stderr).toBe(0);
    const report = JSON.parse(again.stdout) as { summary: Record<string, number>; repositories: { id: string; outcome: string }[] };
    expect(report.summary).toMatchObject({ repositories: 3, created: 0, updated: 0, unchanged: 3, failed: 0 });
  });

  it("submits to main after checking against the hub's benchmarks", async () => {
    const file = join(work, "local", AURA, ".eval_results", "gpqa-rerun.yaml");
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, "- dataset:\n    id: Idavidrein/gpqa\n    task_id: diamond\n  value: 74.5\n  date: '2026-08-01'\n");
    const run = await evalhub(env, ["submit", AURA, file, "-m", "GPQA re-run"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^committed [0-9a-f]{12} to main: /);
    const results = await getJson<{ filename: string; ref: string; value: number }[]>(getHub(), `/api/models/${AURA}/eval-results`);
    expect(results).toContainEqual(expect.objectContaining({ filename: ".eval_results/gpqa-rerun.yaml", ref: "refs/heads/main", value: 74.5 }));
  });

  it("opens a pull request with --pr, then refuses the same entries again, naming the open pull request", async () => {
    const file = join(work, "local", "flash-gpqa.yaml");
    writeFileSync(file, "- dataset:\n    id: Idavidrein/gpqa\n    task_id: diamond\n  value: 80.1\n  date: '2026-08-02'\n");
    const run = await evalhub(env, ["submit", FLASH, file, "--pr", "--format", "json"]);
    expect(run.code, run.stderr).toBe(0);
    const opened = JSON.parse(run.stdout) as { submitted: boolean; pullRequest: number; pullRequestUrl: string };
    expect(opened.submitted).toBe(true);
    expect(opened.pullRequestUrl).toMatch(new RegExp(`/${FLASH}/discussions/${opened.pullRequest}$`));

    const again = await evalhub(env, ["submit", FLASH, file, "--pr"]);
    expect(again.code).toBe(5);
    expect(again.stderr).toContain(`pull request #${opened.pullRequest} of ${FLASH} already has these entries`);
    const prs = await getJson<{ discussions: { num: number }[] }>(getHub(), `/api/models/${FLASH}/discussions`);
    expect(prs.discussions.map((d) => d.num)).toEqual([opened.pullRequest]);
  });

  it("refuses an invalid file with file:line:column problems and sends nothing", async () => {
    const file = join(work, "local", "bad.yaml");
    writeFileSync(file, "- dataset:\n    id: Idavidrein/gpqa\n    task_id: diamnd\n  value: 0.5\n- dataset:\n    id: Idavidrein/gpqa\n  value: high\n");
    const run = await evalhub(env, ["submit", FLASH, file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/bad\.yaml:1:3 ✖ Unknown task → at \[0\]\.dataset\.task_id: `diamnd` is not a task of `Idavidrein\/gpqa`; did you mean `diamond`\?/);
    expect(run.stdout).toMatch(/bad\.yaml:\d+:\d+ ✖ .*\[1\]\.(dataset\.task_id|value)/);
    expect(run.stderr).toContain("nothing was sent");
    const res = await call(getHub(), "GET", `/api/models/${FLASH}/commits/main?limit=1`);
    expect(res.headers.get("x-total-count")).toBe("2");
  });

  it("prints a leaderboard as a table, CSV and JSON, and a model's results", async () => {
    const [table, csv, json, results] = await Promise.all([
      evalhub(env, ["leaderboard", GPQA, "--task", "diamond"]),
      evalhub(env, ["leaderboard", GPQA, "--format", "csv"]),
      evalhub(env, ["leaderboard", GPQA, "--task", "diamond", "--format", "json"]),
      evalhub(env, ["results", FLASH, "--format", "json"]),
    ]);
    for (const run of [table, csv, json, results]) expect(run.code, run.stderr).toBe(0);
    const tableLines = table.stdout.trim().split("\n");
    expect(tableLines[0]).toMatch(/^rank\s+model\s+value\s+verified\s+source\s+date\s+file$/);
    expect(tableLines.slice(2).map((l) => l.split(/\s+/).slice(0, 3))).toEqual([["1", FLASH, "80.1"], ["2", AURA, "74.5"]]);
    expect(tableLines[2]).toMatch(/PR #1/);
    expect(csv.stdout.split("\r\n").slice(0, 3)).toEqual([
      "rank,model,value,verified,source,date,file",
      `1,${FLASH},80.1,false,PR #1,2026-08-02,.eval_results/flash-gpqa.yaml`,
      `2,${AURA},74.5,false,main,2026-08-01,.eval_results/gpqa-rerun.yaml`,
    ]);
    const rows = JSON.parse(json.stdout) as BoardRow[];
    expect(rows.map((r) => [r.rank, r.modelId, r.value, r.community])).toEqual([[1, FLASH, 80.1, true], [2, AURA, 74.5, false]]);
    const entries = JSON.parse(results.stdout) as { ref: string; value: number; status: string }[];
    expect(entries.map((e) => [e.ref, e.value, e.status]).sort()).toEqual([["refs/heads/main", 78.8, "valid"], ["refs/pr/1", 80.1, "valid"]]);
  });

  it("exports a snapshot whose checksums verify and whose rows match the leaderboard; private models are left out", async () => {
    const hub = getHub();
    const secret = "Vedika-advanced-AI/secret-model";
    await createRepoAs(hub, hub.adminToken, secret, { private: true });
    await commitTo(hub, hub.adminToken, secret, { ".eval_results/gpqa.yaml": "- dataset:\n    id: Idavidrein/gpqa\n    task_id: diamond\n  value: 99.9\n" });
    const out = join(work, "export");
    const run = await evalhub(env, ["export", "--out", out, "--format", "json"]);
    expect(run.code, run.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as { counts: { results: number }; files: { name: string; rows: number; sha256: string }[]; hub: { version: string } };
    expect(JSON.parse(run.stdout)).toEqual(manifest);
    const sums = readFileSync(join(out, "SHA256SUMS"), "utf8").trim().split("\n").map((l) => l.split("  ") as [string, string]);
    expect(sums.map(([, name]) => name).sort()).toEqual([...manifest.files.map((f) => f.name), "manifest.json"].sort());
    for (const [hash, name] of sums) expect(sha256(readFileSync(join(out, name))), name).toBe(hash);

    const jsonlFile = manifest.files.find((f) => f.name.endsWith(".jsonl"))!;
    expect(jsonlFile.name).toBe(`results-${new Date().toISOString().slice(0, 10)}.jsonl`);
    const records = readFileSync(join(out, jsonlFile.name), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { model: string; dataset: string; task: string; status: string; hidden: boolean; value: number; ref: string });
    expect(records).toHaveLength(manifest.counts.results);
    expect(new Set(records.map((r) => r.model))).toEqual(new Set([FLASH, AURA]));
    const csvLines = readFileSync(join(out, jsonlFile.name.replace(/\.jsonl$/, ".csv")), "utf8").trim().split("\r\n");
    expect(csvLines).toHaveLength(manifest.counts.results + 1);

    const counted = records.filter((r) => r.dataset === GPQA && r.task === "diamond" && r.status === "valid" && !r.hidden);
    const best = new Map<string, number>();
    for (const r of counted) best.set(r.model, Math.max(best.get(r.model) ?? -Infinity, r.value));
    // What anyone sees: the private model is on no public leaderboard either.
    const board = await getJson<BoardRow[]>(hub, `/api/datasets/${GPQA}/leaderboard?task_id=diamond`);
    expect(best.size).toBe(board.length);
    expect(board.map((r) => [r.modelId, r.value])).toEqual([...best].sort((a, b) => b[1] - a[1]));

    // As of June: only the imported commits (made in February and March) had been made; the submissions came later.
    const past = join(work, "export-june");
    const june = await evalhub(env, ["export", "--out", past, "--as-of", "2026-06-01"]);
    expect(june.code, june.stderr).toBe(0);
    const pastRecords = readFileSync(join(past, "results-2026-06-01.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { model: string; value: number; ref: string });
    expect(pastRecords.map((r) => [r.model, r.value, r.ref]).sort()).toEqual([[AURA, 72.22, "refs/heads/main"], [FLASH, 78.8, "refs/heads/main"]]);
  });

  it("says when a hub cannot be reached, and logs out", async () => {
    const unreachable = await evalhub(env, ["results", FLASH, "--hub", "http://127.0.0.1:9"]);
    expect(unreachable.code).toBe(4);
    expect(unreachable.stderr).toContain("cannot reach the hub at http://127.0.0.1:9");
    const out = await evalhub(env, ["logout"]);
    expect(out.code).toBe(0);
    expect(existsSync(join(work, "config", "evalhub", "login.json"))).toBe(false);
  });
});
