import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateEvalResults } from "../../src/formats/eval-results.ts";
import type { NormalisedLog } from "../../src/formats/logs/normalised.ts";
import { serialiseEvalResults, toEvalResultEntry, type ConvertibleLog } from "../../src/formats/to-eval-results.ts";

const lmEvalLog: ConvertibleLog = {
  framework: "lm-eval",
  task: "gsm8k",
  dataset: "openai/gsm8k",
  model: "org/model-7b",
  status: "success",
  created: "2026-01-26T14:28:34.753Z",
  samples: 1319,
  metrics: [
    { scorer: "strict-match", name: "exact_match", value: 0.31 },
    { scorer: "flexible-extract", name: "exact_match", value: 0.35, stderr: 0.01 },
  ],
  headline: { scorer: "flexible-extract", name: "exact_match", value: 0.35, stderr: 0.01 },
  fewShot: 5,
};

const inspectLog: NormalisedLog = {
  framework: "inspect-ai",
  task: "inspect_evals/gpqa_diamond",
  dataset: "Idavidrein/gpqa",
  model: "openai/gpt-4o",
  status: "success",
  created: "2025-05-12T20:28:13-04:00",
  samples: 198,
  fewShot: null,
  metrics: [{ scorer: "choice", name: "accuracy", value: 0.5, stderr: 0.03 }],
  headline: { scorer: "choice", name: "accuracy", value: 0.5, stderr: 0.03 },
};

const target = { datasetId: "openai/gsm8k", taskId: "main" };

describe("converting a log to a .eval_results entry", () => {
  it("writes the headline value, the run's date and what was converted, in the Hub's key order", () => {
    const { entry, problems } = toEvalResultEntry(lmEvalLog, { ...target, sourceUrl: "https://example.org/logs" }, "results.json");
    expect(problems).toEqual([]);
    expect(entry).toEqual({
      dataset: { id: "openai/gsm8k", task_id: "main" },
      value: 0.35,
      date: "2026-01-26T14:28:34.753Z",
      source: { url: "https://example.org/logs" },
      notes: "Converted from lm-eval results: task gsm8k, metric exact_match,flexible-extract, 5-shot",
    });
    expect(Object.keys(entry ?? {})).toEqual(["dataset", "value", "date", "source", "notes"]);
  });

  it("leaves source out without a URL, and turns a zoned time into UTC", () => {
    const { entry } = toEvalResultEntry(inspectLog, { datasetId: "Idavidrein/gpqa", taskId: "diamond" });
    expect(entry).toEqual({
      dataset: { id: "Idavidrein/gpqa", task_id: "diamond" },
      value: 0.5,
      date: "2025-05-13T00:28:13Z",
      notes: "Converted from Inspect log: task inspect_evals/gpqa_diamond, metric choice/accuracy",
    });
  });

  it("publishes another metric of the log when asked", () => {
    expect(toEvalResultEntry(lmEvalLog, { ...target, metric: "exact_match,strict-match" }).entry?.value).toBe(0.31);
  });

  it.each<[string, Partial<ConvertibleLog>, Partial<typeof target> & { metric?: string; sourceUrl?: string }, string, string]>([
    ["a cancelled run", { status: "cancelled" }, {}, "run-not-successful", "the run's status is cancelled; only a successful run can be published"],
    ["a log without headline", { headline: null }, {}, "no-headline", "the log has no headline metric; available: exact_match,strict-match, exact_match,flexible-extract"],
    ["an unknown metric", {}, { metric: "acc" }, "no-headline", 'metric "acc" is not in the log; available: exact_match,strict-match, exact_match,flexible-extract'],
    ["a bad source URL", {}, { sourceUrl: "example.org" }, "invalid-source-url", '"example.org" is not a well-formed http(s) URL'],
    ["an empty task id", {}, { taskId: " " }, "missing-target", "a dataset id and a task id are needed to place the result"],
  ])("refuses %s with a problem, not an exception", (_what, logChange, targetChange, code, message) => {
    const { entry, problems } = toEvalResultEntry({ ...lmEvalLog, ...logChange }, { ...target, ...targetChange }, "results.json");
    expect(entry).toBeNull();
    expect(problems.map((p) => [p.file, p.code, p.severity, p.message])).toEqual([["results.json", code, "error", message]]);
  });

  it("omits a date it cannot read, with a warning", () => {
    const { entry, problems } = toEvalResultEntry({ ...lmEvalLog, created: "yesterday" }, target);
    expect(entry?.date).toBeUndefined();
    expect(problems.map((p) => [p.code, p.severity])).toEqual([["invalid-date", "warning"]]);
  });
});

describe("serialising .eval_results entries", () => {
  it("writes a YAML list with dates and look-alike strings quoted", () => {
    const text = serialiseEvalResults([
      { dataset: { id: "openai/gsm8k", task_id: "main" }, value: 0.35, date: "2026-01-26", notes: "plain words" },
      { dataset: { id: "org/bench", task_id: "yes" }, value: 41, notes: "1.0" },
    ]);
    expect(text).toBe(
      [
        "- dataset:",
        "    id: openai/gsm8k",
        "    task_id: main",
        "  value: 0.35",
        '  date: "2026-01-26"',
        "  notes: plain words",
        "- dataset:",
        "    id: org/bench",
        '    task_id: "yes"',
        "  value: 41",
        '  notes: "1.0"',
        "",
      ].join("\n"),
    );
  });

  it("round-trips any text through our validator and a YAML 1.1 reader unchanged", () => {
    const lookAlikes = ["2026-01-26", "2026-01-26T14:28:34Z", "yes", "No", "on", "~", "null", "1_000", "0x1F", "0o17", ".inf", "12:30", "<<", " lead", "trail ", "a: b", "# c", "- d", "'q'", "[x]", "1e3"];
    const text = fc.oneof(fc.constantFrom(...lookAlikes), fc.string({ unit: "grapheme", minLength: 1 }));
    // A blank task id is refused (next test), so only non-blank ids are round-tripped.
    const taskIdText = text.filter((s) => s.trim() !== "");
    fc.assert(
      fc.property(taskIdText, text, (taskId, notes) => {
        const entry = { dataset: { id: "org/bench", task_id: taskId }, value: 0.5, notes };
        const yaml = serialiseEvalResults([entry]);
        const checked = validateEvalResults(yaml, { file: "out.yaml" });
        expect(checked.problems).toEqual([]);
        expect(checked.entries[0]?.entry).toEqual(entry);
        expect(parse(yaml, { schema: "yaml-1.1" })).toEqual([entry]);
      }),
    );
  });

  it("refuses a serialised entry whose task id is blank, naming the field", () => {
    const yaml = serialiseEvalResults([{ dataset: { id: "org/bench", task_id: " " }, value: 0.5 }]);
    const checked = validateEvalResults(yaml, { file: "out.yaml" });
    expect(checked.problems).toMatchObject([{ path: "[0].dataset.task_id", line: 3, message: "must not be empty or blank", severity: "error" }]);
  });
});
