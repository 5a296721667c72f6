import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateEvalResults } from "../../src/formats/eval-results.ts";
import { validateEvalYaml } from "../../src/formats/eval-yaml.ts";
import { evalResultsJsonSchema, evalYamlJsonSchema } from "../../src/formats/json-schema.ts";
import type { Problem } from "../../src/formats/problems.ts";

// The JSON Schemas given to editors must agree with the validators: ajv accepts a document exactly when the
// validator finds no schema-level error (YAML syntax and resource limits are not the schema's business).

const EVAL_YAML = "../shared/fixtures/eval-yaml";
const EVAL_RESULTS = "../shared/fixtures/eval-results";

const YAML_LEVEL = new Set(["yaml-syntax", "duplicate-key", "too-large", "invalid-utf8", "too-deep", "too-many-nodes", "too-many-aliases", "alias-expansion"]);

const ajv = new Ajv2020({ allErrors: true, strict: true });
const ajvEvalYaml = ajv.compile(evalYamlJsonSchema());
const ajvEvalResults = ajv.compile(evalResultsJsonSchema());

function schemaErrors(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => p.severity === "error" && !YAML_LEVEL.has(p.code));
}

function yamlErrors(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => p.severity === "error" && YAML_LEVEL.has(p.code));
}

interface Verdicts {
  ajv: boolean;
  validator: boolean;
  ajvErrors: ErrorObject[];
  problems: Problem[];
}

function judgeEvalYaml(text: string): Verdicts {
  const ajvOk = ajvEvalYaml(parse(text, { schema: "core" }));
  const { problems } = validateEvalYaml(text);
  expect(yamlErrors(problems)).toEqual([]);
  return { ajv: ajvOk, validator: schemaErrors(problems).length === 0, ajvErrors: ajvEvalYaml.errors ?? [], problems };
}

function judgeEvalResults(text: string): Verdicts {
  const ajvOk = ajvEvalResults(parse(text, { schema: "core" }));
  const { problems } = validateEvalResults(text);
  expect(yamlErrors(problems)).toEqual([]);
  return { ajv: ajvOk, validator: schemaErrors(problems).length === 0, ajvErrors: ajvEvalResults.errors ?? [], problems };
}

/** An ajv error's location in the validator's path notation (`[0].dataset.task_id`). */
function ajvPath(error: ErrorObject): string {
  const segments = error.instancePath.split("/").slice(1);
  if (error.keyword === "required") segments.push(String(error.params.missingProperty));
  let out = "";
  for (const seg of segments) out += /^\d+$/.test(seg) ? `[${seg}]` : out === "" ? seg : `.${seg}`;
  return out;
}

function listFixtures(dir: string): string[] {
  const names = readdirSync(dir).filter((n) => n.endsWith(".yaml"));
  const reconstructed = readdirSync(join(dir, "reconstructed")).filter((n) => n.endsWith(".yaml")).map((n) => `reconstructed/${n}`);
  return [...names, ...reconstructed].sort();
}

// Expected verdicts, written by hand from each file and the rules (eval.yaml: name, description, a known
// evaluation_framework and tasks; inspect-ai tasks are strict and need field_spec, solvers, scorers).
const EVAL_YAML_ACCEPTS: Record<string, boolean> = {
  "ChrisHayduk__nanoFold-Competition.eval.yaml": true, // nanofold, one task with id/config/split
  "FutureMa__EvasionBench.eval.yaml": true, // inspect-ai; prompt_template + multiple_choice, scorer choice
  "Hanno-Labs__decision-bench-results.eval.yaml": true, // inspect-ai; generate, exact
  "Idavidrein__gpqa.eval.yaml": true, // inspect-ai; epochs 4, pass_at_1, choices as a list of columns
  "TIGER-Lab__MMLU-Pro.eval.yaml": false, // no evaluation_framework
  "cais__hle.eval.yaml": false, // no evaluation_framework
  "centre-for-humanities-computing__multilingual-gsm-symbolic.eval.yaml": true, // inspect-ai, ten tasks
  "final-bench__final-bench.eval.yaml": false, // no evaluation_framework; field_spec/solvers/scorers at the top level
  "openai__gsm8k.eval.yaml": false, // no evaluation_framework
  "reconstructed/MathArena__aime_2025__refs-pr-2.INVALID.eval.yaml": false, // no evaluation_framework
  "reconstructed/MathArena__aime_2026.eval.yaml": true, // math-arena
  "reconstructed/MathArena__hmmt_feb_2026.eval.yaml": true, // math-arena
  "reconstructed/ScaleAI__SWE-bench_Pro.eval.yaml": true, // swe-bench-pro
  "reconstructed/allenai__olmOCR-bench.eval.yaml": true, // olmocr-bench, nine tasks
  "reconstructed/internlm__WildClawBench.eval.yaml": true, // wildclawbench; tasks carry a display `name`
};

// .eval_results: every entry needs dataset.id, dataset.task_id and a finite value; source needs an http(s) url.
const EVAL_RESULTS_ACCEPTS: Record<string, boolean> = {
  "Ch3nOff__dual-loop-controller__ai2_arc.yaml": true,
  "Ch3nOff__dual-loop-controller__macro_20_benchmarks.yaml": true,
  "Ch3nOff__dual-loop-controller__mmlu_pro.yaml": true,
  "Vedika-advanced-AI__Aura-Gen-2.0__aime_2026.yaml": true,
  "Vedika-advanced-AI__Aura-Gen-2.0__gpqa_diamond.yaml": true,
  "Vedika-advanced-AI__Aura-Gen-2.0__gsm8k.yaml": true,
  "Vedika-advanced-AI__Aura-Gen-2.0__mmmu_pro__v1.yaml": true,
  "Vedika-advanced-AI__Aura-Gen-2.0__mmmu_pro__v2.yaml": true,
  "Vedika-advanced-AI__Vedika-4.1-flash__aime_2026.yaml": true,
  "Vedika-advanced-AI__Vedika-4.1-flash__gpqa.yaml": true,
  "Vedika-advanced-AI__Vedika-4.1-flash__hle.yaml": true,
  "Vedika-advanced-AI__Vedika-4.1-flash__mmlu_pro.yaml": true,
  "Vedika-advanced-AI__Vedika-4.1-flash__mmmu_pro.yaml": true,
  "reconstructed/FireRedTeam__FireRed-OCR__olmocrbench.EXCERPT.yaml": true,
  "reconstructed/MiniMaxAI__MiniMax-M2.1__mmlu_pro.NO-TASK-ID.yaml": false, // dataset without task_id
  "reconstructed/MiniMaxAI__MiniMax-M2.1__swe_bench_verified_with_tools.yaml": true,
  "reconstructed/MiniMaxAI__MiniMax-M2.5__gpqa.yaml": true,
  "reconstructed/MiniMaxAI__MiniMax-M2.5__hle.yaml": true,
  "reconstructed/MiniMaxAI__MiniMax-M2.5__swe_bench_pro.yaml": true,
  "reconstructed/MiniMaxAI__MiniMax-M2.5__swe_bench_verified.yaml": true, // `%` in task_id is fine
  "reconstructed/MiniMaxAI__MiniMax-M2.7__swe-bench_pro.yaml": true,
  "reconstructed/MiniMaxAI__MiniMax-M2.7__terminal-bench-2.0.yaml": true,
  "reconstructed/MiniMaxAI__MiniMax-M2__hle.yaml": true,
  "reconstructed/MiniMaxAI__MiniMax-M2__mmlu-pro.yaml": true,
  "reconstructed/MiniMaxAI__MiniMax-M2__terminal_bench.yaml": true,
  "reconstructed/SnurfyAI__Sn-CodeExplainer-0.5B__gsm8k.yaml": true, // github.com source url
  "reconstructed/Zyphra__ZAYA1-8B__gpqa.yaml": true,
  "reconstructed/Zyphra__ZAYA1-8B__mmlu-pro.yaml": true,
  "reconstructed/arcee-ai__Trinity-Large-Preview__gpqa.yaml": true, // unknown task id, but well-formed
  "reconstructed/arcee-ai__Trinity-Large-Preview__mmlu_pro.yaml": true,
  "reconstructed/deepseek-ai__DeepSeek-R1__mmlu_pro.NO-TASK-ID.yaml": false, // dataset without task_id
  "reconstructed/infly__Infinity-Parser-7B__olmocrbench.EXCERPT.yaml": true,
  "reconstructed/lm-provers__QED-Nano__MathArena--aime_2026.yaml": true, // url with a query string
  "reconstructed/openai__gpt-oss-120b__swe_bench_verified_medium.yaml": true,
  "reconstructed/zai-org__GLM-5__swe_bench_verified.yaml": true,
};

describe("JSON Schema agreement on the fixtures", () => {
  it("has a hand-written verdict for every fixture", () => {
    expect(listFixtures(EVAL_YAML)).toEqual(Object.keys(EVAL_YAML_ACCEPTS).sort());
    expect(listFixtures(EVAL_RESULTS)).toEqual(Object.keys(EVAL_RESULTS_ACCEPTS).sort());
  });

  it.each(Object.entries(EVAL_YAML_ACCEPTS))("eval.yaml %s: accepted = %s by ajv and by the validator", (name, accepts) => {
    const v = judgeEvalYaml(readFileSync(join(EVAL_YAML, name), "utf8"));
    expect({ ajv: v.ajv, validator: v.validator }).toEqual({ ajv: accepts, validator: accepts });
  });

  it.each(Object.entries(EVAL_RESULTS_ACCEPTS))(".eval_results %s: accepted = %s by ajv and by the validator", (name, accepts) => {
    const v = judgeEvalResults(readFileSync(join(EVAL_RESULTS, name), "utf8"));
    expect({ ajv: v.ajv, validator: v.validator }).toEqual({ ajv: accepts, validator: accepts });
    // Both point at the same fields.
    const ours = schemaErrors(v.problems).map((p) => p.path).sort();
    expect(v.ajvErrors.map(ajvPath).sort()).toEqual(ours);
  });
});

const inspect = (task: string) => `name: N\ndescription: D\nevaluation_framework: inspect-ai\ntasks:\n  - id: t\n${task}`;
const inspectTask = (overrides: Record<string, string> = {}) => {
  const fields: Record<string, string> = {
    field_spec: "    field_spec:\n      input: question\n      target: answer\n",
    solvers: "    solvers:\n      - name: generate\n",
    scorers: "    scorers:\n      - name: match\n",
    ...overrides,
  };
  return inspect(Object.values(fields).join(""));
};
const entry = (body: string) => `- dataset:\n    id: Idavidrein/gpqa\n${body}`;

describe("JSON Schema agreement on hand-written documents", () => {
  it("the base documents are accepted by both", () => {
    expect(judgeEvalYaml(inspectTask())).toMatchObject({ ajv: true, validator: true });
    expect(judgeEvalResults(entry("    task_id: diamond\n  value: 0.5\n  source:\n    url: https://example.org/card\n"))).toMatchObject({ ajv: true, validator: true });
  });

  it.each([
    ["a bad epoch_reducer", inspectTask({ reducer: "    epoch_reducer: average\n" }), "tasks[0].epoch_reducer"],
    ["an unknown solver name", inspectTask({ solvers: "    solvers:\n      - name: chain_of_thoughts\n" }), "tasks[0].solvers[0].name"],
    ["an unknown scorer name", inspectTask({ scorers: "    scorers:\n      - name: model_graded\n" }), "tasks[0].scorers[0].name"],
    ["an unknown Inspect task key", inspectTask({ extra: "    temperature: 0.5\n" }), "tasks[0].temperature"],
    ["an unknown field_spec key", inspectTask({ field_spec: "    field_spec:\n      input: q\n      answer: a\n" }), "tasks[0].field_spec.answer"],
    ["zero epochs", inspectTask({ epochs: "    epochs: 0\n" }), "tasks[0].epochs"],
    ["fractional epochs", inspectTask({ epochs: "    epochs: 1.5\n" }), "tasks[0].epochs"],
    ["an Inspect task without field_spec", inspectTask({ field_spec: "" }), "tasks[0].field_spec"],
    ["an empty solver list", inspectTask({ solvers: "    solvers: []\n" }), "tasks[0].solvers"],
    ["an unknown framework", "name: N\ndescription: D\nevaluation_framework: lm-eval\ntasks:\n  - id: t\n", "evaluation_framework"],
    ["no tasks", "name: N\ndescription: D\nevaluation_framework: mteb\ntasks: []\n", "tasks"],
    ["an empty name", "name: ''\ndescription: D\nevaluation_framework: mteb\ntasks:\n  - id: t\n", "name"],
    ["a task without id", "name: N\ndescription: D\nevaluation_framework: mteb\ntasks:\n  - config: c\n", "tasks[0].id"],
    ["an unknown top-level key", "name: N\ndescription: D\nevaluation_framework: mteb\nversion: 2\ntasks:\n  - id: t\n", "version"],
  ])("eval.yaml with %s is rejected by both", (_what, text, path) => {
    const v = judgeEvalYaml(text);
    expect({ ajv: v.ajv, validator: v.validator }).toEqual({ ajv: false, validator: false });
    expect(schemaErrors(v.problems).map((p) => p.path)).toContain(path);
  });

  it.each([
    ["a string value", entry('    task_id: diamond\n  value: "41.2"\n'), "[0].value"],
    ["a NaN value", entry("    task_id: diamond\n  value: .nan\n"), "[0].value"],
    ["an infinite value", entry("    task_id: diamond\n  value: -.inf\n"), "[0].value"],
    ["no value", entry("    task_id: diamond\n"), "[0].value"],
    ["a javascript: source url", entry("    task_id: diamond\n  value: 1\n  source:\n    url: javascript:alert(1)\n"), "[0].source.url"],
    ["an ftp source url", entry("    task_id: diamond\n  value: 1\n  source:\n    url: ftp://example.org/x\n"), "[0].source.url"],
    ["a source without url", entry("    task_id: diamond\n  value: 1\n  source:\n    name: Model card\n"), "[0].source.url"],
    ["a missing task_id", entry("  value: 1\n"), "[0].dataset.task_id"],
    ["an empty task_id", entry("    task_id: ''\n  value: 1\n"), "[0].dataset.task_id"],
    ["a date that is not ISO 8601", entry("    task_id: diamond\n  value: 1\n  date: 15/01/2026\n"), "[0].date"],
    ["a numeric date", entry("    task_id: diamond\n  value: 1\n  date: 20260115\n"), "[0].date"],
    ["an entry that is not a mapping", "- 42\n", "[0]"],
    ["a scalar document", "just text\n", ""],
  ])(".eval_results with %s is rejected by both", (_what, text, path) => {
    const v = judgeEvalResults(text);
    expect({ ajv: v.ajv, validator: v.validator }).toEqual({ ajv: false, validator: false });
    expect(schemaErrors(v.problems).map((p) => p.path)).toContain(path);
  });

  it("unknown keys in .eval_results are a warning for the validator and allowed by the schema", () => {
    const v = judgeEvalResults(entry("    task_id: diamond\n  value: 1\n  verify_token: abc\n"));
    expect({ ajv: v.ajv, validator: v.validator }).toEqual({ ajv: true, validator: true });
    expect(v.problems.map((p) => [p.code, p.severity])).toEqual([["unknown-key", "warning"]]);
  });

  // What JSON Schema cannot say: the validator is stricter than the schema here, and says so in these tests.
  it.each([
    ["a calendar date that does not exist", entry("    task_id: diamond\n  value: 1\n  date: 2026-02-30\n")],
    ["a url the URL parser refuses", entry("    task_id: diamond\n  value: 1\n  source:\n    url: 'http://[::1/x'\n")],
  ])(".eval_results with %s: only the validator rejects it", (_what, text) => {
    expect(judgeEvalResults(text)).toMatchObject({ ajv: true, validator: false });
  });

  it("duplicate task ids: only the validator rejects them", () => {
    const v = judgeEvalYaml("name: N\ndescription: D\nevaluation_framework: mteb\ntasks:\n  - id: t\n  - id: t\n");
    expect({ ajv: v.ajv, validator: v.validator }).toEqual({ ajv: true, validator: false });
    expect(v.problems.map((p) => p.code)).toEqual(["duplicate-task-id"]);
  });

  it("a single mapping instead of a list: the validator reads it with a warning, the schema wants the list", () => {
    const v = judgeEvalResults("dataset:\n  id: Idavidrein/gpqa\n  task_id: diamond\nvalue: 1\n");
    expect({ ajv: v.ajv, validator: v.validator }).toEqual({ ajv: false, validator: true });
    expect(v.problems.map((p) => [p.code, p.severity])).toEqual([["single-mapping", "warning"]]);
  });
});

describe("evalhub schema", () => {
  it.each([
    ["eval-yaml", evalYamlJsonSchema],
    ["eval-results", evalResultsJsonSchema],
  ])("prints the same JSON Schema as the library for %s", (which, build) => {
    const out = execFileSync(process.execPath, ["bin/evalhub.mjs", "schema", which], { encoding: "utf8" });
    expect(JSON.parse(out)).toEqual(build());
    expect(out).toBe(`${JSON.stringify(build(), null, 2)}\n`);
  });
});
