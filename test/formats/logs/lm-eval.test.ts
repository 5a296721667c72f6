import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readLmEvalResults } from "../../../src/formats/logs/lm-eval.ts";

const FIXTURES = "../shared/fixtures/harness-results";
const MGSM = readFileSync(`${FIXTURES}/sw_mgsm_direct_0shot_2026-01-26T14-39-33.247121.json`);
const AFRISENTI = readFileSync(`${FIXTURES}/afrisenti_swa_prompt_1_0shot_2026-01-15T13-13-26.035414.json`);

const read = (input: string | Uint8Array, metric?: string) =>
  readLmEvalResults(input, metric === undefined ? { file: "results.json" } : { file: "results.json", metric });
const problemsOf = (input: string | Uint8Array, metric?: string) =>
  read(input, metric).problems.map((p) => [p.code, p.severity, p.line, p.column, p.path]);

describe("lm-evaluation-harness results", () => {
  it("reads a generative task with two filters as one log per task", () => {
    const { logs, problems } = read(MGSM);
    expect(problems).toEqual([]);
    expect(logs).toEqual([
      {
        framework: "lm-eval",
        task: "afrimgsm_swa_prompt_1",
        dataset: "masakhane/afrimgsm",
        model: "google/gemma-2b",
        status: "success",
        created: "2026-01-26T14:28:34.753Z",
        samples: 250,
        metrics: [
          { scorer: "remove_whitespace", name: "exact_match", value: 0.004, stderr: 0.004000000000000001 },
          { scorer: "flexible-extract", name: "exact_match", value: 0.044, stderr: 0.012997373846574947 },
        ],
        headline: { scorer: "remove_whitespace", name: "exact_match", value: 0.004, stderr: 0.004000000000000001 },
        fewShot: 0,
      },
    ]);
  });

  it("drops a stderr written as \"N/A\" and keeps the metric", () => {
    const [log] = read(AFRISENTI).logs;
    expect(log?.metrics).toEqual([
      { scorer: "none", name: "acc", value: 0.2994652406417112, stderr: 0.016758214844604685 },
      { scorer: "none", name: "f1", value: 0.13802513148918377 },
    ]);
    expect(log?.created).toBe("2026-01-15T13:12:06.817Z");
    expect(log?.samples).toBe(748);
  });

  it.each([
    [MGSM, "exact_match,flexible-extract", 0.044],
    [MGSM, "flexible-extract/exact_match", 0.044],
    [MGSM, "exact_match", 0.004],
    [AFRISENTI, "acc", 0.2994652406417112],
    [AFRISENTI, "f1,none", 0.13802513148918377],
  ])("takes the metric the caller names (%#: %s)", (file, metric, value) => {
    const { logs, problems } = read(file, metric);
    expect(problems).toEqual([]);
    expect(logs[0]?.headline?.value).toBe(value);
  });

  it("refuses an unknown metric and lists the ones there are", () => {
    const { logs, problems } = read(AFRISENTI, "exact_match");
    expect(logs[0]?.headline).toBeNull();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: "unknown-metric", severity: "error", path: "results.afrisenti_swa_prompt_1" });
    expect(problems[0]?.message).toBe('metric "exact_match" is not in task afrisenti_swa_prompt_1; available: acc,none, f1,none');
  });

  it("locates malformed JSON by line and column", () => {
    const text = '{\n  "results": {\n    "a": {"acc,none": 0.5,}\n  }\n}\n';
    expect(problemsOf(text)).toEqual([["json-syntax", "error", 3, 27, ""]]);
  });

  it("accepts Python's bare NaN and leaves that metric out with a warning", () => {
    const { logs, problems } = read('{"results": {"t": {"acc,none": NaN, "acc_stderr,none": NaN, "f1,none": 0.5}}}');
    expect(logs[0]?.metrics).toEqual([{ scorer: "none", name: "f1", value: 0.5 }]);
    expect(logs[0]?.headline?.name).toBe("f1");
    expect(problems.map((p) => [p.code, p.severity, p.message])).toEqual([
      ["metric-not-finite", "warning", "acc,none of task t is NaN, not a finite number; it is left out"],
    ]);
  });

  describe("a run of a group", () => {
    const run = JSON.stringify({
      results: {
        mmlu: { alias: "mmlu", "acc,none": 0.6, "acc_stderr,none": 0.01 },
        mmlu_law: { alias: " - law", "acc,none": 0.5, "acc_stderr,none": 0.02, "f1,none": 0.4 },
        placeholder: { " ": " ", alias: "placeholder" },
      },
      groups: { mmlu: { alias: "mmlu", "acc,none": 0.6 }, stem: { alias: "stem", "acc,none": 0.7 } },
      "n-shot": { mmlu_law: 5 },
      "n-samples": { mmlu_law: { original: 100, effective: 40 } },
      config: { model: "hf", model_args: "pretrained=org/model-7b,dtype=float16" },
      date: 0,
    });

    it("gives each task and group with scores a log, and skips placeholder rows", () => {
      const { logs, problems } = read(run);
      expect(logs.map((l) => [l.task, l.headline?.value, l.samples, l.model, l.created])).toEqual([
        ["mmlu", 0.6, null, "org/model-7b", "1970-01-01T00:00:00.000Z"],
        ["mmlu_law", 0.5, 40, "org/model-7b", "1970-01-01T00:00:00.000Z"],
        ["stem", 0.7, null, "org/model-7b", "1970-01-01T00:00:00.000Z"],
      ]);
      expect(logs[1]).toMatchObject({ fewShot: 5 });
      expect(problems.map((p) => [p.code, p.severity, p.path])).toEqual([["partial-run", "warning", "n-samples.mmlu_law"]]);
    });

    it("warns, rather than fails, when only some tasks lack the requested metric", () => {
      const { logs, problems } = read(run, "f1");
      expect(logs.map((l) => l.headline?.value ?? null)).toEqual([null, 0.4, null]);
      expect(problems.filter((p) => p.code === "unknown-metric").map((p) => [p.severity, p.path])).toEqual([
        ["warning", "results.mmlu"],
        ["warning", "results.stem"],
      ]);
    });

    it("fails once, listing every metric, when no task has the requested one", () => {
      const { problems } = read(run, "bleu");
      expect(problems.filter((p) => p.code === "unknown-metric").map((p) => [p.severity, p.path, p.message])).toEqual([
        ["error", "results", 'metric "bleu" is in none of the 3 tasks; available: acc,none, f1,none'],
      ]);
    });
  });

  it.each([
    ["[1, 2]", "not-lm-eval-results"],
    ['{"results": {"t": {"alias": "t", "acc": 0.5}}}', "no-scores"],
  ])("says why a file that is not 0.4 results gives no logs: %s", (text, code) => {
    const { logs, problems } = read(text);
    expect(logs).toEqual([]);
    expect(problems.map((p) => [p.code, p.severity])).toEqual([[code, "error"]]);
  });

  it("refuses bytes that are not UTF-8", () => {
    expect(problemsOf(new Uint8Array([0x7b, 0xff, 0x7d]))).toEqual([["invalid-encoding", "error", 1, 1, ""]]);
  });

  it("refuses a file over the size limit before parsing it", () => {
    const result = readLmEvalResults(MGSM, { file: "results.json", limits: { maxLogBytes: 100 } });
    expect(result.problems.map((p) => p.code)).toEqual(["log-too-large"]);
  });
});
