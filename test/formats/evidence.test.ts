import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ResultEntry } from "../../src/formats/eval-results-schema.ts";
import { validateEvalYaml } from "../../src/formats/eval-yaml.ts";
import { evidenceFile } from "../../src/formats/evidence/evidence-file.ts";
import { evidenceLocation, repoFileOfUrl } from "../../src/formats/evidence/evidence-location.ts";
import { judgeEvidence, type EvidenceVerdict } from "../../src/formats/evidence/judge-evidence.ts";
import { modelAgrees, taskMatch } from "../../src/formats/evidence/names-agree.ts";
import { parseSetupFilter, setupMatches } from "../../src/formats/evidence/setup-fields.ts";
import { compareValues } from "../../src/formats/evidence/values-agree.ts";
import { validateEvalResults } from "../../src/formats/eval-results.ts";

// Evidence rules, written by hand from each fixture log (see ../shared/fixtures/*/SOURCES.md for what each holds).

const FIXTURES = "../shared/fixtures";
const bytes = (path: string): Uint8Array => readFileSync(`${FIXTURES}/${path}`);
const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");
const COMMIT = "0123456789abcdef0123456789abcdef01234567";

function entry(over: Omit<Partial<ResultEntry>, "dataset"> & { task?: string; dataset?: string } = {}): ResultEntry {
  const { task = "popularity", dataset = "evalhub-tests/popularity", ...rest } = over;
  return { dataset: { id: dataset, task_id: task }, value: 0, evidence: { path: "logs/run" }, ...rest };
}

function judge(log: string, e: ResultEntry, modelId: string, taskMetric?: string): EvidenceVerdict {
  const location = evidenceLocation(e, modelId);
  if (!location) throw new Error("no evidence location");
  return judgeEvidence({ entry: e, modelId, location, commit: COMMIT, ...(taskMetric === undefined ? {} : { taskMetric }) }, evidenceFile(bytes(log), location.path));
}

describe("evidence from Inspect fixture logs", () => {
  it.each([
    ["inspect-logs/log_formats.eval", "meta-llama/llama3.1", 0],
    ["inspect-logs/log_formats.zstd.eval", "meta-llama/llama3.1", 0],
    ["inspect-logs/log_formats_legacy-2024-10.json", "meta-llama/llama3.1", 0],
    ["inspect-logs/log_read_sample_2025-07.json", "google/gemma3", 1],
    ["inspect-logs/log_streaming.eval", "meta-llama/Meta-Llama-3-1-405B-Instruct-jqf", 0.75],
  ])("%s backs its own headline value for %s: log-checked", (log, model, value) => {
    const v = judge(log, entry({ value }), model);
    expect(v).toMatchObject({ status: "log-checked", detail: `log headline accuracy=${value} agrees with claimed ${value}`, sha256: sha256(bytes(log)) });
  });

  it("keeps the log's standard error and samples, in the entry's unit", () => {
    expect(judge("inspect-logs/log_streaming.eval", entry({ value: 0.75 }), "x/Meta-Llama-3-1-405B-Instruct-jqf")).toMatchObject({ stderr: 0.25, samples: 4 });
    expect(judge("inspect-logs/log_streaming.eval", entry({ value: 75 }), "x/Meta-Llama-3-1-405B-Instruct-jqf")).toMatchObject({ stderr: 25, samples: 4 });
  });

  it("a claimed value that differs: mismatch, with the exact numbers", () => {
    const v = judge("inspect-logs/log_streaming.eval", entry({ value: 0.412 }), "meta-llama/Meta-Llama-3-1-405B-Instruct-jqf");
    expect(v).toMatchObject({ status: "mismatch", detail: "log headline accuracy=0.75 ≠ claimed 0.412", stderr: null, samples: null });
  });

  it("a fraction in the log and a percentage in the entry are equal, with a note", () => {
    const v = judge("inspect-logs/log_read_sample_2025-07.json", entry({ value: 100 }), "google/gemma3");
    expect(v).toMatchObject({ status: "log-checked", detail: "log headline accuracy=1 agrees with claimed 100; log reports a fraction, entry a percentage" });
  });

  it("a cancelled run is refused as evidence", () => {
    const v = judge("inspect-logs/2025-05-12T20-28-13-04-00_no-samples.json", entry({ value: 0.6666666666666666 }), "openai/gpt-4o-mini");
    expect(v).toMatchObject({ status: "unusable", detail: "the run was cancelled (status cancelled); only a successful run counts as evidence" });
  });

  it("a successful run without scores cannot back a value", () => {
    const v = judge("inspect-logs/2025-02-11T15-17-00-05-00_popularity_dPiJifoWeEQBrfWsAopzWr.eval", entry({ value: 0.5 }), "openai/gpt-4o-mini");
    expect(v).toMatchObject({ status: "unusable", detail: "the log has no scores" });
  });

  it("checks dataset and model where the log records them, and says which disagree", () => {
    const ok = judge("inspect-logs/mmlu-summary-choices.eval", entry({ dataset: "cais/mmlu", task: "mmlu_0_shot" }), "openai/gpt-4o");
    expect(ok.status).toBe("log-checked");
    const wrong = judge("inspect-logs/mmlu-summary-choices.eval", entry({ dataset: "TIGER-Lab/MMLU-Pro", task: "mmlu_pro" }), "acme/other");
    expect(wrong).toMatchObject({
      status: "mismatch",
      detail: 'log task "inspect_evals/mmlu_0_shot" is not task mmlu_pro of TIGER-Lab/MMLU-Pro; log dataset cais/mmlu ≠ dataset.id TIGER-Lab/MMLU-Pro; log model "openai/gpt-4o" is not acme/other',
    });
  });

  it("checks evidence.sha256 when given", () => {
    const log = "inspect-logs/log_formats.eval";
    expect(judge(log, entry({ evidence: { path: "a.eval", sha256: sha256(bytes(log)).toUpperCase() } }), "meta-llama/llama3.1").status).toBe("log-checked");
    const v = judge(log, entry({ evidence: { path: "a.eval", sha256: "0".repeat(64) } }), "meta-llama/llama3.1");
    expect(v).toMatchObject({ status: "mismatch", detail: `log SHA-256 ${sha256(bytes(log)).slice(0, 12)}… ≠ evidence.sha256 000000000000…` });
  });

  it("compares setup.metric (or the task's metric) instead of the headline", () => {
    const log = "inspect-logs/log_streaming.eval";
    const model = "meta-llama/Meta-Llama-3-1-405B-Instruct-jqf";
    expect(judge(log, entry({ value: 0.25, setup: { metric: "match/stderr" } }), model)).toMatchObject({ status: "log-checked", detail: "log metric match/stderr=0.25 agrees with claimed 0.25" });
    expect(judge(log, entry({ value: 0.25 }), model, "stderr").status).toBe("log-checked");
    expect(judge(log, entry({ value: 0.75 }), model, "f1")).toMatchObject({ status: "mismatch", detail: "log has no metric f1; available: match/accuracy, match/stderr" });
  });
});

describe("evidence from results files", () => {
  it("lm-eval: the task of the entry is found, its first metric compared", () => {
    const log = "harness-results/afrisenti_swa_prompt_1_0shot_2026-01-15T13-13-26.035414.json";
    const v = judge(log, entry({ dataset: "masakhane/afrisenti", task: "afrisenti_swa_prompt_1", value: 29.94652406417112 }), "google/gemma-2b");
    expect(v).toMatchObject({ status: "log-checked", samples: 748, detail: "log headline acc=0.299465 agrees with claimed 29.94652406417112; log reports a fraction, entry a percentage" });
    expect(v.stderr).toBeCloseTo(1.675821484460, 10);
  });

  it("lighteval: a max_samples run is not evidence of a full run", () => {
    const v = judge("lighteval-results/docs-example_results_gsm8k_gpt2.json", entry({ dataset: "openai/gsm8k", task: "main" }), "openai-community/gpt2");
    expect(v.status).toBe("unusable");
    expect(v.detail).toContain("scored 1 of its 1319 documents");
  });

  it("a file that is not a log, a missing file, a Git LFS pointer", () => {
    const location = { path: "README.md", sha256: null, via: "evidence.path" as const };
    const e = entry();
    expect(judgeEvidence({ entry: e, modelId: "a/b", location, commit: COMMIT }, evidenceFile(new TextEncoder().encode("# hi\n"), "README.md")))
      .toMatchObject({ status: "unusable", detail: expect.stringContaining("Invalid JSON") });
    expect(judgeEvidence({ entry: e, modelId: "a/b", location, commit: COMMIT }, evidenceFile(new TextEncoder().encode('{"a": 1}'), "README.md")))
      .toMatchObject({ status: "unusable", detail: expect.stringContaining("not an evaluation log the hub reads") });
    expect(judgeEvidence({ entry: e, modelId: "a/b", location, commit: COMMIT }, { kind: "missing" }))
      .toMatchObject({ status: "unusable", detail: "README.md is not a file at commit 0123456789ab", sha256: null });
    const pointer = new TextEncoder().encode("version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 12\n");
    expect(judgeEvidence({ entry: e, modelId: "a/b", location, commit: COMMIT }, evidenceFile(pointer, "README.md")).detail).toContain("Git LFS pointer");
  });
});

describe("names, values and locations", () => {
  it.each([
    ["hf/Qwen/Qwen2-0.5B", "Qwen/Qwen2-0.5B", true],
    ["vllm/qwen/qwen2-0.5b", "Qwen/Qwen2-0.5B", true],
    ["/home/me/ckpt/Qwen/Qwen2-0.5B", "Qwen/Qwen2-0.5B", true],
    ["openai/gpt-oss-120b:cerebras", "openai/gpt-oss-120b", true],
    ["gpt2", "openai-community/gpt2", true],
    ["ollama/gemma3", "google/gemma3", true],
    ["together/meta-llama/Llama-3-8b", "meta-llama/Llama-3-8b", true],
    ["hf/Qwen/Qwen2-1.5B", "Qwen/Qwen2-0.5B", false],
    ["someorg/gemma3", "google/gemma3", false],
    ["gpt2-xl", "openai-community/gpt2", false],
  ])("model %s is %s: %s", (log, repo, agrees) => {
    expect(modelAgrees(log, repo)).toBe(agrees);
  });

  it.each([
    ["hf/Idavidrein/gpqa", "Idavidrein/gpqa", "diamond", 3],
    ["hf/Idavidrein/gpqa/diamond", "Idavidrein/gpqa", "diamond", 3],
    ["hf/Idavidrein/gpqa/main", "Idavidrein/gpqa", "diamond", -1],
    ["popularity", "evalhub-tests/popularity", "popularity", 2],
    ["inspect_evals/gpqa_diamond", "Idavidrein/gpqa", "diamond", 1],
    ["lighteval|gsm8k", "openai/gsm8k", "main", 0],
    ["mmlu", "TIGER-Lab/MMLU-Pro", "mmlu_pro", -1],
  ])("task %s for %s/%s scores %d", (log, dataset, task, score) => {
    expect(taskMatch(log, dataset, task)).toBe(score);
  });

  it("values: equal within 1e-6 absolute or 1e-4 relative; a fraction and a percentage are told apart", () => {
    expect(compareValues(0.412, 0.4120000001)).toEqual({ equal: true, factor: 1 });
    expect(compareValues(41.2, 41.203)).toEqual({ equal: true, factor: 1 });
    expect(compareValues(41.2, 41.21).equal).toBe(false);
    expect(compareValues(41.2, 0.412)).toEqual({ equal: true, factor: 100, note: "log reports a fraction, entry a percentage" });
    expect(compareValues(0.412, 41.2)).toEqual({ equal: true, factor: 0.01, note: "log reports a percentage, entry a fraction" });
  });

  it("source.url into the same repository, any host, blob or resolve, percent-decoded", () => {
    expect(repoFileOfUrl("https://hub.example/acme/m/blob/main/logs/run%201.eval", "ACME/M")).toBe("logs/run 1.eval");
    expect(repoFileOfUrl("http://127.0.0.1:8080/prefix/acme/m/resolve/abc123/a/b.json", "acme/m")).toBe("a/b.json");
    expect(repoFileOfUrl("https://hub.example/acme/other/blob/main/run.eval", "acme/m")).toBeNull();
    expect(repoFileOfUrl("https://huggingface.co/acme/m/", "acme/m")).toBeNull();
    const e = (url: string): ResultEntry => ({ dataset: { id: "a/b", task_id: "t" }, value: 1, source: { url } });
    expect(evidenceLocation(e("https://h/acme/m/blob/main/logs/run.eval"), "acme/m")).toEqual({ path: "logs/run.eval", sha256: null, via: "source.url" });
    // A link to the model card is attribution, not evidence.
    expect(evidenceLocation(e("https://h/acme/m/blob/main/README.md"), "acme/m")).toBeNull();
  });
});

describe("setup and task extensions", () => {
  it("setup is typed: wrong types are errors, unknown setup keys warnings", () => {
    const file = (setup: string) => validateEvalResults(`- dataset:\n    id: a/b\n    task_id: t\n  value: 1\n  setup:\n${setup}`);
    expect(file("    n_shot: 5\n    tools: true\n    harness:\n      name: lm-eval\n      version: 0.4.10\n").problems).toEqual([]);
    expect(file("    n_shot: 1.5\n").problems.map((p) => [p.path, p.severity])).toEqual([["[0].setup.n_shot", "error"]]);
    expect(file("    tools: yes please\n").problems.map((p) => [p.path, p.severity])).toEqual([["[0].setup.tools", "error"]]);
    expect(file("    shots: 5\n").problems.map((p) => [p.path, p.code, p.message])).toEqual([["[0].setup.shots", "unknown-key", "`shots` is not a known field; did you mean `n_shot`?"]]);
  });

  it("setup filters read the field's type, and match without case for text", () => {
    expect(parseSetupFilter("tools", "True")).toEqual({ field: "tools", value: true });
    expect(parseSetupFilter("n_shot", "5")).toEqual({ field: "n_shot", value: 5 });
    expect(parseSetupFilter("harness.name", "lm-eval")).toEqual({ field: "harness.name", value: "lm-eval" });
    expect(parseSetupFilter("n_shot", "five")).toBe('setup.n_shot must be an integer, got "five"');
    expect(parseSetupFilter("shots", "5")).toContain("setup.shots is not a setup field");
    expect(setupMatches({ tools: true, harness: { name: "LM-Eval" } }, [{ field: "tools", value: true }, { field: "harness.name", value: "lm-eval" }])).toBe(true);
    expect(setupMatches({ tools: false }, [{ field: "tools", value: true }])).toBe(false);
    expect(setupMatches(null, [{ field: "tools", value: false }])).toBe(false);
  });

  it("eval.yaml task fields metric, lower_is_better, unit, scale: for every framework, with a warning for Inspect", () => {
    const generic = validateEvalYaml("name: N\ndescription: D\nevaluation_framework: swe-bench\ntasks:\n  - id: t\n    metric: resolved\n    lower_is_better: false\n    unit: '%'\n    scale: percent\n");
    expect(generic.problems).toEqual([]);
    expect(generic.benchmark?.tasks[0]?.fields).toMatchObject({ metric: "resolved", lower_is_better: false, unit: "%", scale: "percent" });
    const inspect = validateEvalYaml(
      "name: N\ndescription: D\nevaluation_framework: inspect-ai\ntasks:\n  - id: t\n    field_spec:\n      input: q\n      target: a\n    solvers:\n      - name: generate\n    scorers:\n      - name: match\n    scale: fraction\n",
    );
    expect(inspect.benchmark).not.toBeNull();
    expect(inspect.problems.map((p) => [p.path, p.severity, p.code])).toEqual([["tasks[0].scale", "warning", "extension-key"]]);
    expect(inspect.problems[0]?.message).toContain("Inspect rejects unknown task keys");
    const bad = validateEvalYaml("name: N\ndescription: D\nevaluation_framework: mteb\ntasks:\n  - id: t\n    scale: ratio\n");
    expect(bad.problems.map((p) => [p.path, p.severity])).toEqual([["tasks[0].scale", "error"]]);
  });
});
