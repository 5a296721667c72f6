import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, it } from "vitest";
import { parse } from "yaml";

const HARNESS = "../shared/fixtures/harness-results";
const MGSM = `${HARNESS}/sw_mgsm_direct_0shot_2026-01-26T14-39-33.247121.json`;
const AFRISENTI = `${HARNESS}/afrisenti_swa_prompt_1_0shot_2026-01-15T13-13-26.035414.json`;
const LIGHTEVAL = "../shared/fixtures/lighteval-results/docs-example_results_gsm8k_gpt2.json";
const INSPECT_SUCCESS = "../shared/fixtures/inspect-logs/log_read_sample_2025-07.json";
const INSPECT_CANCELLED = "../shared/fixtures/inspect-logs/2025-05-12T20-28-13-04-00_no-samples.json";

const workDir = mkdtempSync(join(tmpdir(), "evalhub-convert-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function evalhub(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["bin/evalhub.mjs", ...args], { encoding: "utf8" }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr });
    });
  });
}

/** Writes converted output where `validate` finds results files, and validates it. */
function validateOutput(name: string, yaml: string): Promise<Run> {
  const folder = join(workDir, name, ".eval_results");
  mkdirSync(folder, { recursive: true });
  const path = join(folder, "result.yaml");
  writeFileSync(path, yaml);
  return evalhub("validate", "--kind", "eval-results", path);
}

// Each test spawns the real CLI; they run side by side to keep the file quick.
describe.concurrent("evalhub convert", () => {
  it("converts an lm-eval results file with the chosen filter, and the output validates", async ({ expect }) => {
    const run = await evalhub("convert", "lm-eval", MGSM, "--dataset", "masakhane/afrimgsm", "--task", "swa", "--metric", "exact_match,flexible-extract");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  date: "2026-01-26T14:28:34.753Z"\n');
    expect(parse(run.stdout)).toEqual([
      {
        dataset: { id: "masakhane/afrimgsm", task_id: "swa" },
        value: 0.044,
        date: "2026-01-26T14:28:34.753Z",
        notes: "Converted from lm-eval results: task afrimgsm_swa_prompt_1, metric exact_match,flexible-extract, 0-shot",
      },
    ]);
    const check = await validateOutput("lm-eval", run.stdout);
    expect(check.stdout).toContain("1 file(s) checked, 0 with problems");
    expect(check.code).toBe(0);
  });

  it("converts a lighteval results file, warning that it is a partial run, and the output validates", async ({ expect }) => {
    const run = await evalhub("convert", "lighteval", LIGHTEVAL, "--dataset", "openai/gsm8k", "--task", "main", "--source-url", "https://example.org/run");
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("⚠ Partial run → at results.lighteval|gsm8k|0: lighteval|gsm8k|0 scored 1 of its 1319 documents");
    expect(parse(run.stdout)).toEqual([
      {
        dataset: { id: "openai/gsm8k", task_id: "main" },
        value: 0,
        source: { url: "https://example.org/run" },
        notes: "Converted from lighteval results: task lighteval|gsm8k, metric em, 0-shot",
      },
    ]);
    expect((await validateOutput("lighteval", run.stdout)).code).toBe(0);
  });

  it("converts a model card's model-index result picked with --log-task", async ({ expect }) => {
    const readme = join(workDir, "README.md");
    writeFileSync(
      readme,
      "---\nmodel-index:\n- name: m\n  results:\n  - dataset: {name: MMLU, type: cais/mmlu}\n    metrics: [{type: acc, value: 63.2}]\n" +
        "  - dataset: {name: ARC, type: allenai/ai2_arc, args: {num_few_shot: 25}}\n    metrics: [{type: acc_norm, value: 55.1}]\n---\n",
    );
    const run = await evalhub("convert", "model-index", readme, "--dataset", "allenai/ai2_arc", "--task", "challenge", "--log-task", "ARC");
    expect(run.code).toBe(0);
    expect(parse(run.stdout)).toEqual([
      {
        dataset: { id: "allenai/ai2_arc", task_id: "challenge" },
        value: 55.1,
        notes: "Converted from model card model-index: task ARC, metric acc_norm, 25-shot",
      },
    ]);
    expect((await validateOutput("model-index", run.stdout)).code).toBe(0);
  });

  it("converts a successful Inspect log", async ({ expect }) => {
    const run = await evalhub("convert", "inspect", INSPECT_SUCCESS, "--dataset", "org/popularity", "--task", "default");
    expect(run.code).toBe(0);
    expect(parse(run.stdout)).toEqual([
      {
        dataset: { id: "org/popularity", task_id: "default" },
        value: 1,
        date: "2025-07-05T13:59:40Z",
        notes: "Converted from Inspect log: task popularity, metric match/accuracy",
      },
    ]);
  });

  it("refuses a cancelled Inspect log with exit 1", async ({ expect }) => {
    const run = await evalhub("convert", "inspect", INSPECT_CANCELLED, "--dataset", "org/x", "--task", "default");
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`${INSPECT_CANCELLED}:1:1 ✖ Run not successful → at status: the run's status is cancelled`);
  });

  it("exits 1 on an unknown metric, listing the available ones", async ({ expect }) => {
    const run = await evalhub("convert", "lm-eval", AFRISENTI, "--dataset", "masakhane/afrisenti", "--task", "swa", "--metric", "exact_match");
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `${AFRISENTI}:1:1 ✖ Unknown metric → at results.afrisenti_swa_prompt_1: metric "exact_match" is not in task afrisenti_swa_prompt_1; available: acc,none, f1,none\n`,
    );
  });

  it("exits 1 with the line and column of malformed JSON", async ({ expect }) => {
    const broken = join(workDir, "broken.json");
    writeFileSync(broken, '{\n  "results": {\n    "t": {"acc,none": 0.5,}\n  }\n}\n');
    const run = await evalhub("convert", "lm-eval", broken, "--dataset", "org/x", "--task", "t");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3:27 ✖ Invalid JSON`));
  });

  describe("usage errors exit 2", () => {
    const twoTasks = join(workDir, "two-tasks.json");
    writeFileSync(twoTasks, JSON.stringify({ results: { arc_easy: { "acc,none": 0.7 }, arc_challenge: { "acc,none": 0.4 } } }));

    it.for<[string, string[], string]>([
      ["no --dataset", ["convert", "lm-eval", MGSM, "--task", "swa"], "required option '--dataset <id>' not specified"],
      ["no --task", ["convert", "lm-eval", MGSM, "--dataset", "org/x"], "required option '--task <id>' not specified"],
      ["an unknown format", ["convert", "helm", MGSM, "--dataset", "org/x", "--task", "t"], "the format must be one of inspect, lm-eval, lighteval, model-index, not helm"],
      ["a missing file", ["convert", "lm-eval", "missing.json", "--dataset", "org/x", "--task", "t"], "missing.json: no such file"],
      ["several tasks without --log-task", ["convert", "lm-eval", twoTasks, "--dataset", "org/x", "--task", "t"], "the file holds 2 tasks; pick one with --log-task: arc_easy, arc_challenge"],
      ["a --log-task not in the file", ["convert", "lm-eval", twoTasks, "--dataset", "org/x", "--task", "t", "--log-task", "arc"], "--log-task arc is not in the file; its tasks: arc_easy, arc_challenge"],
    ])("%s", async ([, args, message], { expect }) => {
      const run = await evalhub(...args);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain(message);
    });

    it("picks one of several tasks with --log-task", async ({ expect }) => {
      const run = await evalhub("convert", "lm-eval", twoTasks, "--dataset", "allenai/ai2_arc", "--task", "challenge", "--log-task", "arc_challenge");
      expect(run.code).toBe(0);
      expect(parse(run.stdout)).toMatchObject([{ value: 0.4, notes: "Converted from lm-eval results: task arc_challenge, metric acc,none" }]);
    });
  });
});
