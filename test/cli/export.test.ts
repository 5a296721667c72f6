import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { evalResultsJsonSchema, evalYamlJsonSchema, hfEvalResultsJsonSchema } from "../../src/formats/json-schema.ts";
import { SETUP_FIELDS } from "../../src/formats/evidence/setup-fields.ts";

const MINIMAX = "../shared/fixtures/eval-results/reconstructed/MiniMaxAI__MiniMax-M2.5__swe_bench_verified.yaml";

const workDir = mkdtempSync(join(tmpdir(), "evalhub-export-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function evalhub(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["bin/evalhub.mjs", ...args], { encoding: "utf8" }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr });
    });
  });
}

const ajv = new Ajv2020({ allErrors: true, strict: true });
const hfOnly = ajv.compile(hfEvalResultsJsonSchema());
const extended = ajv.compile(evalResultsJsonSchema());

const EXTENDED = `- dataset:
    id: SWE-bench/SWE-bench_Verified
    task_id: swe_bench_%_resolved
    revision: abc123
  value: 75.8
  date: "2026-02-01"
  source:
    url: https://hub.example/MiniMaxAI/MiniMax-M2.5/blob/main/logs/run.eval
    name: Eval traces
  notes: high reasoning, official
  evidence:
    path: logs/run.eval
    sha256: ${"a".repeat(64)}
  setup:
    n_shot: 0
    tools: true
    reasoning_effort: high
    harness:
      name: swe-bench
      version: "4.0"
    samples: 500
    stderr: 1.9
- dataset:
    id: SWE-bench/SWE-bench_Verified
    task_id: swe_bench_%_resolved
  value: 80.2
  verify_token: not-ours
`;

describe("evalhub export --hf", () => {
  it("writes a file that validates against the HF-only schema; the input does not, the extended schema takes both", async () => {
    const input = join(workDir, "extended.yaml");
    const output = join(workDir, "hf.yaml");
    writeFileSync(input, EXTENDED);
    expect(extended(parse(EXTENDED))).toBe(true);
    expect(hfOnly(parse(EXTENDED))).toBe(false);

    const run = await evalhub("export", "--hf", input, "--out", output);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("left out of the Hugging Face file: evidence (evalhub extension), setup (evalhub extension)");
    expect(run.stderr).toContain("left out of the Hugging Face file: verify_token (unknown)");
    const written = parse(readFileSync(output, "utf8"));
    expect(hfOnly(written), JSON.stringify(hfOnly.errors)).toBe(true);
    expect(written).toEqual([
      {
        dataset: { id: "SWE-bench/SWE-bench_Verified", task_id: "swe_bench_%_resolved", revision: "abc123" }, value: 75.8, date: "2026-02-01",
        source: { url: "https://hub.example/MiniMaxAI/MiniMax-M2.5/blob/main/logs/run.eval", name: "Eval traces" }, notes: "high reasoning, official",
      },
      { dataset: { id: "SWE-bench/SWE-bench_Verified", task_id: "swe_bench_%_resolved" }, value: 80.2 },
    ]);
    // HF's own files pass through unchanged in meaning.
    const fixture = await evalhub("export", "--hf", MINIMAX);
    expect(fixture.code).toBe(0);
    expect(parse(fixture.stdout)).toEqual(parse(readFileSync(MINIMAX, "utf8")));
    expect(hfOnly(parse(fixture.stdout))).toBe(true);
  });

  it("refuses a file with errors, and says what is missing from the command", async () => {
    const bad = join(workDir, "bad.yaml");
    writeFileSync(bad, "- dataset:\n    id: a/b\n    task_id: t\n  value: 1\n  setup:\n    n_shot: many\n");
    const run = await evalhub("export", "--hf", bad);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("setup.n_shot");
    expect((await evalhub("export", bad)).code).toBe(2);
    expect((await evalhub("export", "--hf")).stderr).toContain("name a .eval_results file");
  });
});

describe("evalhub schema eval-results", () => {
  it("--hf prints the HF-only schema", async () => {
    const run = await evalhub("schema", "eval-results", "--hf");
    expect(JSON.parse(run.stdout)).toEqual(hfEvalResultsJsonSchema());
    expect((await evalhub("schema", "eval-yaml", "--hf")).code).toBe(2);
  });

  it("the extended schema documents every extension field", () => {
    const items = (evalResultsJsonSchema() as { items: { properties: Record<string, { description?: string; properties?: Record<string, { description?: string; properties?: Record<string, { description?: string }> }> }> } }).items;
    for (const key of ["evidence", "setup"]) expect(items.properties[key]?.description).toMatch(/^evalhub extension/);
    const evidence = items.properties["evidence"]?.properties ?? {};
    expect(Object.keys(evidence)).toEqual(["path", "sha256"]);
    for (const field of Object.values(evidence)) expect(field.description).toBeTruthy();
    const setup = items.properties["setup"]?.properties ?? {};
    for (const field of SETUP_FIELDS.keys()) {
      const [head, tail] = field.split(".");
      const described = tail === undefined ? setup[head!]?.description : setup[head!]?.properties?.[tail]?.description;
      expect(described, field).toBeTruthy();
    }
    const hf = (hfEvalResultsJsonSchema() as { items: { properties: Record<string, unknown>; additionalProperties: boolean } }).items;
    expect(Object.keys(hf.properties)).toEqual(["dataset", "value", "verifyToken", "date", "source", "notes"]);
    expect(hf.additionalProperties).toBe(false);
  });

  it("eval.yaml's schema has the task fields metric, lower_is_better, unit and scale for every framework", () => {
    const text = JSON.stringify(evalYamlJsonSchema());
    const variants = (evalYamlJsonSchema() as { anyOf: { properties: { tasks: { items: { properties: Record<string, { description?: string; enum?: string[] }> } } } }[] }).anyOf;
    expect(variants).toHaveLength(2);
    for (const variant of variants) {
      const task = variant.properties.tasks.items.properties;
      for (const key of ["metric", "lower_is_better", "unit", "scale"]) expect(task[key]?.description, key).toMatch(/^evalhub extension/);
      expect(task["scale"]?.enum).toEqual(["fraction", "percent"]);
    }
    expect(text).toContain("evalhub's own task fields are allowed, with a warning");
  });
});
