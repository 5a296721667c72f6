import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readLightevalResults } from "../../../src/formats/logs/lighteval.ts";

const DOCS_EXAMPLE = readFileSync("../shared/fixtures/lighteval-results/docs-example_results_gsm8k_gpt2.json");

const read = (input: string | Uint8Array, metric?: string) =>
  readLightevalResults(input, metric === undefined ? { file: "results.json" } : { file: "results.json", metric });

/** A v0.11+ file: `task|fewshot` keys, `config_tasks` keyed by task name. */
const CURRENT = `{
  "config_general": {"model_name": "org/model-1b", "max_samples": null},
  "results": {
    "gsm8k|5": {"extractive_match": 0.25, "extractive_match_stderr": NaN},
    "mmlu:_average|0": {"acc": 0.4, "acc_stderr": 0.02},
    "all": {"extractive_match": 0.25, "acc": 0.4}
  },
  "config_tasks": {
    "gsm8k": {"hf_repo": "openai/gsm8k", "original_num_docs": 1319, "effective_num_docs": 1319}
  }
}`;

describe("lighteval results", () => {
  it("reads the documented example (suite|task|fewshot keys) and skips the `all` row", () => {
    const { logs, problems } = read(DOCS_EXAMPLE);
    expect(logs).toEqual([
      {
        framework: "lighteval",
        task: "lighteval|gsm8k",
        dataset: null,
        model: "gpt2",
        status: "success",
        created: null,
        samples: 1,
        metrics: [
          { name: "em", value: 0, stderr: 0 },
          { name: "maj@8", value: 0, stderr: 0 },
        ],
        headline: { name: "em", value: 0, stderr: 0 },
        fewShot: 0,
      },
    ]);
    expect(problems.map((p) => [p.code, p.severity, p.path, p.message])).toEqual([
      [
        "partial-run",
        "warning",
        "results.lighteval|gsm8k|0",
        "lighteval|gsm8k|0 scored 1 of its 1319 documents (max_samples was set), so it is not comparable to a full run",
      ],
    ]);
  });

  it("reads current task|fewshot keys, subset averages, and drops a NaN stderr", () => {
    const { logs, problems } = read(CURRENT);
    expect(problems).toEqual([]);
    expect(logs.map((l) => [l.task, l.dataset, l.samples, l.model, l.headline])).toEqual([
      ["gsm8k", "openai/gsm8k", 1319, "org/model-1b", { name: "extractive_match", value: 0.25 }],
      ["mmlu:_average", null, null, "org/model-1b", { name: "acc", value: 0.4, stderr: 0.02 }],
    ]);
    expect(logs.map((l) => (l as { fewShot?: number }).fewShot)).toEqual([5, 0]);
  });

  it("picks the named metric, warning about tasks without it", () => {
    const { logs, problems } = read(CURRENT, "acc");
    expect(logs.map((l) => l.headline?.value ?? null)).toEqual([null, 0.4]);
    expect(problems.map((p) => [p.code, p.severity, p.path, p.message])).toEqual([
      ["unknown-metric", "warning", "results.gsm8k|5", 'metric "acc" is not in task gsm8k; available: extractive_match'],
    ]);
  });

  it("fails when no task has the named metric", () => {
    const { problems } = read(DOCS_EXAMPLE, "acc_norm");
    expect(problems.filter((p) => p.severity === "error").map((p) => p.message)).toEqual([
      'metric "acc_norm" is not in task lighteval|gsm8k; available: em, maj@8',
    ]);
  });

  it.each([
    ['{"config_general": {}}', "not-lighteval-results"],
    ['{"results": {"all": {"em": 0.5}}}', "no-scores"],
  ])("says why %s gives no logs", (text, code) => {
    const { logs, problems } = read(text);
    expect(logs).toEqual([]);
    expect(problems.map((p) => [p.code, p.severity])).toEqual([[code, "error"]]);
  });

  it("locates malformed JSON", () => {
    const { problems } = read('{\n  "results": {\n    "gsm8k|0": {"em": 0.5\n}');
    expect(problems.map((p) => [p.code, p.line, p.column])).toEqual([["json-syntax", 4, 2]]);
  });
});
