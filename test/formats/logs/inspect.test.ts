import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readInspectLog } from "../../../src/formats/logs/inspect.ts";
import type { LogReadResult, NormalisedLog } from "../../../src/formats/logs/normalised.ts";
import { ZipArchive } from "../../../src/formats/logs/zip.ts";
import { writeZip } from "../../support/zip-writer.ts";

const FIXTURES = "../shared/fixtures";
const fixture = (name: string): Uint8Array => readFileSync(`${FIXTURES}/inspect-logs/${name}`);
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const MiB = 1024 * 1024;

function read(bytes: Uint8Array, metric?: string): LogReadResult {
  return readInspectLog(bytes, metric === undefined ? { file: "log" } : { file: "log", metric });
}

/** The single log of a result. */
function onlyLog(result: LogReadResult): NormalisedLog {
  expect(result.logs).toHaveLength(1);
  const [log] = result.logs;
  if (log === undefined) throw new Error("no log");
  return log;
}

const codes = (result: LogReadResult): string[] => result.problems.map((problem) => problem.code);

const popularityLlama31: NormalisedLog = {
  framework: "inspect-ai",
  task: "popularity",
  dataset: null,
  model: "ollama/llama3.1",
  status: "success",
  created: "2024-10-15T16:53:13.000Z",
  samples: 1,
  fewShot: null,
  metrics: [
    { scorer: "match", name: "accuracy", value: 0, stderr: 0 },
    { scorer: "match", name: "stderr", value: 0 },
  ],
  headline: { scorer: "match", name: "accuracy", value: 0, stderr: 0 },
};

describe("readInspectLog on Inspect's own logs", () => {
  it("reads log_formats.eval (deflate)", () => {
    const result = read(fixture("log_formats.eval"));
    expect(result.problems).toEqual([]);
    expect(onlyLog(result)).toEqual(popularityLlama31);
  });

  it("reads log_formats.zstd.eval (zstd) to the identical result", () => {
    expect(read(fixture("log_formats.zstd.eval"))).toEqual(read(fixture("log_formats.eval")));
  });

  it("reads the legacy October 2024 JSON log of the same run (options instead of params, sample_reductions)", () => {
    const result = read(fixture("log_formats_legacy-2024-10.json"));
    expect(result.problems).toEqual([]);
    expect(onlyLog(result)).toEqual(popularityLlama31);
  });

  it("reads log_read_sample_2025-07.json", () => {
    const result = read(fixture("log_read_sample_2025-07.json"));
    expect(result.problems).toEqual([]);
    expect(onlyLog(result)).toEqual({
      framework: "inspect-ai",
      task: "popularity",
      dataset: null,
      model: "ollama/gemma3",
      status: "success",
      created: "2025-07-05T13:59:40.000Z",
      samples: 1,
      fewShot: null,
      metrics: [
        { scorer: "match", name: "accuracy", value: 1, stderr: 0 },
        { scorer: "match", name: "stderr", value: 0 },
      ],
      headline: { scorer: "match", name: "accuracy", value: 1, stderr: 0 },
    });
  });

  it("reads log_streaming.eval: 2 samples x 2 epochs", () => {
    const result = read(fixture("log_streaming.eval"));
    expect(result.problems).toEqual([]);
    expect(onlyLog(result)).toEqual({
      framework: "inspect-ai",
      task: "popularity",
      dataset: null,
      model: "azureai/Meta-Llama-3-1-405B-Instruct-jqf",
      status: "success",
      created: "2024-11-05T20:04:20.000Z",
      samples: 4,
      fewShot: null,
      metrics: [
        { scorer: "match", name: "accuracy", value: 0.75, stderr: 0.25 },
        { scorer: "match", name: "stderr", value: 0.25 },
      ],
      headline: { scorer: "match", name: "accuracy", value: 0.75, stderr: 0.25 },
    });
  });

  it("reads mmlu-summary-choices.eval, whose dataset is the Hub dataset cais/mmlu", () => {
    const result = read(fixture("mmlu-summary-choices.eval"));
    expect(result.problems).toEqual([]);
    expect(onlyLog(result)).toEqual({
      framework: "inspect-ai",
      task: "inspect_evals/mmlu_0_shot",
      dataset: "cais/mmlu",
      model: "openai/gpt-4o",
      status: "success",
      created: "2025-12-19T12:37:50.000Z",
      samples: 1,
      fewShot: null,
      metrics: [
        { scorer: "choice", name: "accuracy", value: 0, stderr: 0 },
        { scorer: "choice", name: "stderr", value: 0 },
      ],
      headline: { scorer: "choice", name: "accuracy", value: 0, stderr: 0 },
    });
  });

  it("reads the 2025-02 popularity .eval, whose results hold no scores, with a warning", () => {
    const result = read(fixture("2025-02-11T15-17-00-05-00_popularity_dPiJifoWeEQBrfWsAopzWr.eval"));
    expect(onlyLog(result)).toEqual({
      framework: "inspect-ai",
      task: "popularity",
      dataset: null,
      model: "openai/gpt-4o-mini",
      status: "success",
      created: "2025-02-11T20:17:00.000Z",
      samples: 10,
      fewShot: null,
      metrics: [],
      headline: null,
    });
    expect(result.problems).toEqual([
      {
        file: "log",
        line: 1,
        column: 1,
        path: "results.scores",
        summary: "No scores",
        message: "the log has no scores",
        severity: "warning",
        code: "no-scores",
      },
    ]);
  });

  it("reports the cancelled run as cancelled, with its partial scores and a warning", () => {
    const result = read(fixture("2025-05-12T20-28-13-04-00_no-samples.json"));
    expect(onlyLog(result)).toEqual({
      framework: "inspect-ai",
      task: "testtaskname",
      dataset: null,
      model: "openai/gpt-4o-mini",
      status: "cancelled",
      created: "2025-05-13T00:28:13.000Z",
      samples: 3,
      fewShot: null,
      metrics: [
        { scorer: "match", name: "accuracy", value: 0.6666666666666666, stderr: 0.33333333333333337 },
        { scorer: "match", name: "stderr", value: 0.33333333333333337 },
      ],
      headline: { scorer: "match", name: "accuracy", value: 0.6666666666666666, stderr: 0.33333333333333337 },
    });
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: "run-not-successful",
        severity: "warning",
        path: "status",
        message: "the run was cancelled, so its results cover only part of it; only a successful run counts as evidence",
      }),
    ]);
  });
});

describe("choosing the headline metric", () => {
  const cancelled = fixture("2025-05-12T20-28-13-04-00_no-samples.json");

  it("takes a metric named by its name alone", () => {
    expect(onlyLog(read(cancelled, "stderr")).headline).toEqual({ scorer: "match", name: "stderr", value: 0.33333333333333337 });
  });

  it("takes a metric named as scorer/name", () => {
    expect(onlyLog(read(cancelled, "match/accuracy")).headline?.value).toBe(0.6666666666666666);
  });

  it("reports an unknown metric with the ones the log has, and still returns the log", () => {
    const result = read(cancelled, "f1");
    expect(onlyLog(result).headline).toBeNull();
    expect(result.problems).toContainEqual({
      file: "log",
      line: 1,
      column: 1,
      path: "results.scores",
      summary: "Unknown metric",
      message: 'metric "f1" is not in this log; available: match/accuracy, match/stderr',
      severity: "error",
      code: "unknown-metric",
    });
  });
});

describe("scores Inspect writes in other shapes", () => {
  const manyScores = `{
    "version": 2,
    "status": "success",
    "eval": {
      "task": "hf/org/bench",
      "model": "hf/Qwen/Qwen2-0.5B",
      "created": "2026-01-02T03:04:05+00:00",
      "dataset": {"name": "org/bench", "location": "org/bench", "samples": 8}
    },
    "results": {
      "total_samples": 8,
      "completed_samples": 7,
      "scores": [
        {"name": "match", "scorer": "match", "reducer": "mean",
         "metrics": {"accuracy": {"name": "accuracy", "value": 0.5}, "stderr": {"name": "stderr", "value": NaN}}},
        {"name": "match", "scorer": "match", "reducer": "pass_at_2",
         "metrics": {"accuracy": {"name": "accuracy", "value": 0.75}, "stderr": {"name": "stderr", "value": 0.1}}},
        {"name": "f1", "scorer": "custom",
         "metrics": {"mean": {"name": "mean", "value": Infinity}, "std": {"name": "std", "value": -0.25}}}
      ]
    }
  }`;

  it("reads bare NaN and Infinity, leaving non-finite metrics out with a warning each", () => {
    const result = read(utf8(manyScores));
    const log = onlyLog(result);
    expect(log.metrics).toEqual([
      { scorer: "match@mean", name: "accuracy", value: 0.5 },
      { scorer: "match@pass_at_2", name: "accuracy", value: 0.75, stderr: 0.1 },
      { scorer: "match@pass_at_2", name: "stderr", value: 0.1 },
      { scorer: "f1", name: "std", value: -0.25 },
    ]);
    expect(log.headline).toEqual({ scorer: "match@mean", name: "accuracy", value: 0.5 });
    expect(result.problems.map((problem) => [problem.code, problem.path, problem.severity])).toEqual([
      ["metric-not-finite", "results.scores[0].metrics.stderr.value", "warning"],
      ["metric-not-finite", "results.scores[2].metrics.mean.value", "warning"],
    ]);
    expect(log).toMatchObject({
      task: "hf/org/bench",
      model: "hf/Qwen/Qwen2-0.5B",
      dataset: "org/bench",
      samples: 7,
      fewShot: null,
      created: "2026-01-02T03:04:05.000Z",
    });
  });

  it("tells the scores of one scorer under several epoch reducers apart", () => {
    expect(onlyLog(read(utf8(manyScores), "match@pass_at_2/accuracy")).headline?.value).toBe(0.75);
    expect(onlyLog(read(utf8(manyScores), "accuracy")).headline?.value).toBe(0.5);
  });

  it("gives no headline when the chosen metric is not finite", () => {
    const result = read(utf8(manyScores), "f1/mean");
    expect(onlyLog(result).headline).toBeNull();
    expect(codes(result)).not.toContain("unknown-metric");
  });

  it("reads the oldest shape, a single results.scorer with results.metrics and a created time without offset (taken as UTC)", () => {
    const text = `{"version": 1, "status": "success",
      "eval": {"task": "old", "model": "openai/gpt-4", "created": "2024-05-01T10:00:00"},
      "results": {"scorer": {"name": "includes", "params": {}},
                  "metrics": {"accuracy": {"name": "accuracy", "value": 0.25, "options": {}}}}}`;
    const result = read(utf8(text));
    expect(result.problems).toEqual([]);
    expect(onlyLog(result)).toMatchObject({
      task: "old",
      created: "2024-05-01T10:00:00.000Z",
      samples: null,
      fewShot: null,
      metrics: [{ scorer: "includes", name: "accuracy", value: 0.25 }],
      headline: { scorer: "includes", name: "accuracy", value: 0.25 },
    });
  });
});

describe("what the log records about the run", () => {
  const withSpec = (spec: string, extra = ""): Uint8Array =>
    utf8(`{"version": 2, "status": "success", "eval": {"task": "t", "model": "m/x", ${spec}},
      "results": {"scores": [{"name": "s", "metrics": {"mean": {"value": 1}}}]}${extra}}`);

  it.each([
    ['"dataset": {"name": "openai/gsm8k", "location": "openai/gsm8k"}', "openai/gsm8k"],
    ['"dataset": {"name": "test", "location": "data/test.jsonl"}', null],
    ['"dataset": {"name": "popularity", "location": "example://popularity"}', null],
    ['"dataset": {"name": "json", "location": "json"}', null],
    ['"dataset": {"name": "test", "location": "hf://datasets/openai/gsm8k@main/main/test.jsonl"}', "openai/gsm8k"],
    ['"dataset": {"name": "x"}', null],
  ])("dataset of %s is %s", (spec, expected) => {
    expect(onlyLog(read(withSpec(spec))).dataset).toBe(expected);
  });

  it("reports a failed run with the first line of its error", () => {
    const text = `{"status": "error", "eval": {"task": "t", "model": "m/x"},
      "error": {"message": "RuntimeError: boom\\nmore detail", "traceback": ""}}`;
    const result = read(utf8(text));
    expect(onlyLog(result).status).toBe("error");
    expect(result.problems[0]?.message).toBe("the run failed (RuntimeError: boom); only a successful run counts as evidence");
  });

  it("maps a status Inspect never writes to unknown, with a warning", () => {
    const result = read(utf8('{"status": "running", "eval": {"task": "t"}}'));
    expect(onlyLog(result).status).toBe("unknown");
    expect(codes(result)).toEqual(["unknown-status", "no-scores"]);
  });

  it("warns about an unreadable creation time, a newer schema version and invalidated samples", () => {
    const result = read(
      utf8(`{"version": 3, "status": "success", "invalidated": true, "eval": {"created": "yesterday"},
        "results": {"scores": [{"name": "s", "metrics": {"mean": {"value": 1}}}]}}`),
    );
    expect(onlyLog(result)).toMatchObject({ created: null, task: null, model: null });
    expect(codes(result)).toEqual(["newer-log-version", "log-invalidated", "invalid-value"]);
    expect(result.problems.every((problem) => problem.severity === "warning")).toBe(true);
  });
});

describe("an unfinished .eval run", () => {
  it("is read from _journal/start.json alone as started, without results", () => {
    const start = new ZipArchive(fixture("log_formats.eval"), { maxDecompressedBytes: MiB }).read("_journal/start.json");
    const result = read(writeZip([{ name: "_journal/start.json", data: start }]));
    expect(onlyLog(result)).toEqual({
      framework: "inspect-ai",
      task: "popularity",
      dataset: null,
      model: "ollama/llama3.1",
      status: "started",
      created: "2024-10-15T16:53:13.000Z",
      samples: null,
      fewShot: null,
      metrics: [],
      headline: null,
    });
    expect(codes(result)).toEqual(["run-not-successful"]);
    expect(result.problems[0]?.message).toBe("the run has not finished; only a successful run counts as evidence");
  });
});

describe("files that are not readable Inspect logs", () => {
  it("gives the line and column of a JSON syntax error", () => {
    const result = read(utf8('{\n  "version": 2,\n  "status": "success"\n  "eval": {}\n}'));
    expect(result).toEqual({
      logs: [],
      problems: [
        {
          file: "log",
          line: 4,
          column: 3,
          path: "",
          summary: "Invalid JSON",
          message: "unexpected '\"', expected ',' or '}'",
          severity: "error",
          code: "json-syntax",
        },
      ],
    });
  });

  it("names the archive member holding a JSON syntax error", () => {
    const result = read(writeZip([{ name: "header.json", data: '{\n  "status": "success",\n  oops\n}' }]));
    expect(result.logs).toEqual([]);
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: "json-syntax",
        line: 3,
        column: 3,
        message: "header.json: unexpected 'o', expected a property name in double quotes",
      }),
    ]);
  });

  it.each([
    ["an lm-eval results file", "harness-results/afrisenti_swa_prompt_1_0shot_2026-01-15T13-13-26.035414.json"],
    ["a lighteval results file", "lighteval-results/docs-example_results_gsm8k_gpt2.json"],
  ])("refuses %s as not an Inspect log", (_what, path) => {
    const result = read(readFileSync(`${FIXTURES}/${path}`));
    expect(result.logs).toEqual([]);
    expect(codes(result)).toEqual(["not-inspect-log"]);
  });

  it("refuses a ZIP without header.json or _journal/start.json", () => {
    const result = read(writeZip([{ name: "samples/1_epoch_1.json", data: "{}" }]));
    expect(result.problems).toEqual([expect.objectContaining({ code: "not-inspect-log", line: 1, column: 1 })]);
  });

  it("refuses bytes that are not UTF-8", () => {
    expect(codes(read(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])))).toEqual(["invalid-encoding"]);
  });

  it("reports a truncated .eval archive as a problem, not a throw", () => {
    const result = read(fixture("log_formats.eval").subarray(0, 2000));
    expect(result).toEqual({
      logs: [],
      problems: [
        {
          file: "log",
          line: 1,
          column: 1,
          path: "",
          summary: "Unreadable archive",
          message: "end of central directory not found: the archive is truncated or not a ZIP file",
          severity: "error",
          code: "zip-invalid",
        },
      ],
    });
  });

  it("refuses a zip bomb posing as header.json", () => {
    const bomb = writeZip([{ name: "header.json", data: new Uint8Array(8 * MiB) }]);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const result = readInspectLog(bomb, { file: "bomb.eval", limits: { maxDecompressedBytes: MiB } });
    expect(result.logs).toEqual([]);
    expect(result.problems).toEqual([
      expect.objectContaining({
        file: "bomb.eval",
        code: "zip-too-large",
        summary: "Archive too large",
        message: `entry "header.json" declares ${8 * MiB} bytes uncompressed, more than the ${MiB} bytes left of the ${MiB}-byte decompression limit; refused as a possible zip bomb`,
      }),
    ]);
  });

  it("refuses a zip bomb that lies about its size", () => {
    const bomb = writeZip([{ name: "header.json", data: new Uint8Array(8 * MiB), declaredSize: 2000 }]);
    const result = readInspectLog(bomb, { file: "bomb.eval", limits: { maxDecompressedBytes: MiB } });
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: "zip-too-large",
        message: 'entry "header.json" decompresses to more than its declared 2000 bytes; refused as a possible zip bomb',
      }),
    ]);
  });

  it("refuses a log larger than maxLogBytes", () => {
    const result = readInspectLog(fixture("log_formats.eval"), { file: "big.eval", limits: { maxLogBytes: 4000 } });
    expect(result.logs).toEqual([]);
    expect(result.problems).toEqual([
      expect.objectContaining({ code: "log-too-large", message: "the log is 4095 bytes, more than the 4000-byte limit" }),
    ]);
  });
});
