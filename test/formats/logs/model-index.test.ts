import { describe, expect, it } from "vitest";
import { readModelIndex } from "../../../src/formats/logs/model-index.ts";

const read = (text: string, metric?: string) =>
  readModelIndex(text, metric === undefined ? { file: "README.md" } : { file: "README.md", metric });
const problemsOf = (text: string, metric?: string) =>
  read(text, metric).problems.map((p) => [p.code, p.severity, p.line, p.column, p.path]);

// Line numbers in the tests below count the opening `---` as line 1.
const README = `---
license: apache-2.0
model-index:
- name: example-7b
  results:
  - task:
      type: text-generation
      name: Text Generation
    dataset:
      name: MMLU (5-Shot)
      type: cais/mmlu
      config: all
      split: test
      args:
        num_few_shot: 5
    metrics:
    - type: acc
      value: 63.2
      name: accuracy
      verified: false
    source:
      url: https://example.org/leaderboard?query=example-7b
      name: Example Leaderboard
  - task:
      type: text-generation
    dataset:
      name: GSM8k (5-shot)
      type: gsm8k
    metrics:
    - type: exact_match
      value: "20.0 ± 1.2"
    - type: acc_norm
      value: "41.5"
---

# example-7b

A model.
`;

describe("model card model-index", () => {
  it("gives one log per result, keeping the values as written", () => {
    const { logs } = read(README);
    expect(logs).toEqual([
      {
        framework: "model-index",
        task: "MMLU (5-Shot)",
        dataset: "cais/mmlu",
        model: "example-7b",
        status: "success",
        created: null,
        samples: null,
        metrics: [{ name: "acc", value: 63.2 }],
        headline: { name: "acc", value: 63.2 },
        fewShot: 5,
      },
      {
        framework: "model-index",
        task: "GSM8k (5-shot)",
        dataset: null,
        model: "example-7b",
        status: "success",
        created: null,
        samples: null,
        metrics: [{ name: "acc_norm", value: 41.5 }],
        headline: { name: "acc_norm", value: 41.5 },
        fewShot: null,
      },
    ]);
  });

  it("leaves out a value that is not a number, pointing at its README line", () => {
    expect(problemsOf(README)).toEqual([["unreadable-result", "warning", 31, 14, "model-index[0].results[1].metrics[0].value"]]);
    expect(read(README).problems[0]?.message).toBe('the value of metric exact_match is "20.0 ± 1.2", not a number; it is left out');
  });

  it("points an unknown metric at the metrics of a result without it, or at model-index when none has it", () => {
    expect(problemsOf(README, "acc")).toEqual([
      ["unknown-metric", "warning", 30, 5, "model-index[0].results[1].metrics"],
      ["unreadable-result", "warning", 31, 14, "model-index[0].results[1].metrics[0].value"],
    ]);
    expect(problemsOf(README, "f1")).toEqual([
      ["unknown-metric", "error", 4, 1, "model-index"],
      ["unreadable-result", "warning", 31, 14, "model-index[0].results[1].metrics[0].value"],
    ]);
  });

  it("shifts YAML errors by the opening fence line, with CRLF line ends too", () => {
    const text = "---\r\nlicense: mit\r\nmodel-index:\r\n- name: m\r\n  name: n\r\n---\r\n";
    expect(problemsOf(text)).toEqual([["duplicate-key", "error", 5, 3, ""]]);
  });

  it("says so when model-index is not a list", () => {
    expect(problemsOf("---\nmodel-index:\n  name: m\n---\n")).toEqual([["invalid-type", "error", 3, 3, "model-index"]]);
  });

  it("fails when no result can be read, after saying why each cannot", () => {
    const text = "---\nmodel-index:\n- name: m\n  results:\n  - task: {type: text-generation}\n    metrics: [{type: acc, value: 1}]\n---\n";
    expect(problemsOf(text)).toEqual([
      ["no-results", "error", 3, 1, "model-index"],
      ["unreadable-result", "warning", 5, 5, "model-index[0].results[0].dataset"],
    ]);
  });

  it.each([
    ["# A model without front matter\n", "no-front-matter", 1],
    ["---\nlicense: mit\n---\n# Title\n", "no-model-index", 1],
    ["\n---\nmodel-index: []\n---\n", "no-front-matter", 1],
    ["---\nmodel-index: []\n", "unclosed-front-matter", 1],
  ])("explains why there is nothing to read in %j", (text, code, line) => {
    const { logs, problems } = read(text);
    expect(logs).toEqual([]);
    expect(problems.map((p) => [p.code, p.severity, p.line])).toEqual([[code, "error", line]]);
  });
});
