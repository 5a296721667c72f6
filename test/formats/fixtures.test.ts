import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { classifyEntry, registeredFromEvalYaml, staticRegistry, type ResultStatus } from "../../src/formats/classify.ts";
import { validateEvalResults } from "../../src/formats/eval-results.ts";
import { validateEvalYaml } from "../../src/formats/eval-yaml.ts";

// Every expectation below was written by hand from the rules of the formats layer and a reading of each file.

const EVAL_YAML = "../shared/fixtures/eval-yaml";
const EVAL_RESULTS = "../shared/fixtures/eval-results";

interface ExpectedProblem {
  line: number;
  column: number;
  path: string;
  code: string;
  severity?: "error" | "warning";
  /** A phrase the message must contain. */
  says?: string;
}

interface BenchmarkCase {
  file: string;
  datasetId: string;
  tasks: string[] | null;
  problems: ExpectedProblem[];
}

const missingFramework = (line: number): ExpectedProblem => ({ line, column: 1, path: "evaluation_framework", code: "missing-field", says: "is required" });

const BENCHMARKS: BenchmarkCase[] = [
  { file: "ChrisHayduk__nanoFold-Competition.eval.yaml", datasetId: "ChrisHayduk/nanoFold-Competition", tasks: ["public_validation_foldscore"], problems: [] },
  { file: "FutureMa__EvasionBench.eval.yaml", datasetId: "FutureMa/EvasionBench", tasks: ["evasion_bench"], problems: [] },
  { file: "Hanno-Labs__decision-bench-results.eval.yaml", datasetId: "Hanno-Labs/decision-bench-results", tasks: ["DecisionBench"], problems: [] },
  { file: "Idavidrein__gpqa.eval.yaml", datasetId: "Idavidrein/gpqa", tasks: ["diamond", "main", "extended"], problems: [] },
  { file: "TIGER-Lab__MMLU-Pro.eval.yaml", datasetId: "TIGER-Lab/MMLU-Pro", tasks: null, problems: [missingFramework(2)] },
  { file: "cais__hle.eval.yaml", datasetId: "cais/hle", tasks: null, problems: [missingFramework(1)] },
  {
    file: "centre-for-humanities-computing__multilingual-gsm-symbolic.eval.yaml",
    datasetId: "centre-for-humanities-computing/multilingual-gsm-symbolic",
    tasks: ["original_eng", "synthetic_eng", "original_dan", "synthetic_dan", "original_nob", "synthetic_nob", "original_deu", "synthetic_deu", "original_isl", "synthetic_isl"],
    problems: [],
  },
  {
    file: "final-bench__final-bench.eval.yaml",
    datasetId: "final-bench/final-bench",
    tasks: null,
    problems: [
      missingFramework(1),
      { line: 14, column: 1, path: "field_spec", code: "unknown-key", says: "move it inside each entry of `tasks`" },
      { line: 18, column: 1, path: "solvers", code: "unknown-key", says: "move it inside each entry of `tasks`" },
      { line: 21, column: 1, path: "scorers", code: "unknown-key", says: "move it inside each entry of `tasks`" },
    ],
  },
  { file: "openai__gsm8k.eval.yaml", datasetId: "openai/gsm8k", tasks: null, problems: [missingFramework(2)] },
  { file: "reconstructed/MathArena__aime_2025__refs-pr-2.INVALID.eval.yaml", datasetId: "MathArena/aime_2025", tasks: null, problems: [missingFramework(1)] },
  { file: "reconstructed/MathArena__aime_2026.eval.yaml", datasetId: "MathArena/aime_2026", tasks: ["MathArena/aime_2026"], problems: [] },
  { file: "reconstructed/MathArena__hmmt_feb_2026.eval.yaml", datasetId: "MathArena/hmmt_feb_2026", tasks: ["MathArena/hmmt_feb_2026"], problems: [] },
  { file: "reconstructed/ScaleAI__SWE-bench_Pro.eval.yaml", datasetId: "ScaleAI/SWE-bench_Pro", tasks: ["SWE_Bench_Pro"], problems: [] },
  {
    file: "reconstructed/allenai__olmOCR-bench.eval.yaml",
    datasetId: "allenai/olmOCR-bench",
    tasks: ["overall", "arxiv_math", "headers_footers", "long_tiny_text", "multi_column", "old_scans", "old_scans_math", "table_tests", "baseline"],
    problems: [],
  },
  { file: "reconstructed/internlm__WildClawBench.eval.yaml", datasetId: "internlm/WildClawBench", tasks: ["overall", "avg_time", "avg_cost"], problems: [] },
];

interface EntryCase {
  status: ResultStatus;
  value: number;
  line?: number;
  date?: string;
  suggestions?: string[];
  /** A phrase one of the reasons must contain. */
  because?: string;
}

interface ResultsCase {
  file: string;
  entries: EntryCase[];
  problems?: ExpectedProblem[];
}

const valid = (value: number, extra: Partial<EntryCase> = {}): EntryCase => ({ status: "valid", value, ...extra });
const notABenchmark = (value: number, extra: Partial<EntryCase> = {}): EntryCase => ({ status: "unknown-benchmark", value, because: "is not a benchmark on this hub", ...extra });
const brokenBenchmark = (value: number, extra: Partial<EntryCase> = {}): EntryCase => ({ status: "unknown-benchmark", value, because: "has no valid eval.yaml", ...extra });
const noTaskId: ExpectedProblem = { line: 2, column: 5, path: "[0].dataset.task_id", code: "missing-field", says: "`task_id` is required" };

const RESULTS: ResultsCase[] = [
  { file: "Ch3nOff__dual-loop-controller__ai2_arc.yaml", entries: [notABenchmark(80, { line: 1, date: "2026-09-17", suggestions: [] }), notABenchmark(50, { line: 11 })] },
  { file: "Ch3nOff__dual-loop-controller__macro_20_benchmarks.yaml", entries: [notABenchmark(57.5)] },
  { file: "Ch3nOff__dual-loop-controller__mmlu_pro.yaml", entries: [brokenBenchmark(55.3)] },
  { file: "Vedika-advanced-AI__Aura-Gen-2.0__aime_2026.yaml", entries: [valid(87.5)] },
  { file: "Vedika-advanced-AI__Aura-Gen-2.0__gpqa_diamond.yaml", entries: [valid(72.22, { line: 2, date: "2026-07-18" })] },
  { file: "Vedika-advanced-AI__Aura-Gen-2.0__gsm8k.yaml", entries: [brokenBenchmark(96.06)] },
  { file: "Vedika-advanced-AI__Aura-Gen-2.0__mmmu_pro__v1.yaml", entries: [notABenchmark(68.96)] },
  { file: "Vedika-advanced-AI__Aura-Gen-2.0__mmmu_pro__v2.yaml", entries: [notABenchmark(68.96)] },
  { file: "Vedika-advanced-AI__Vedika-4.1-flash__aime_2026.yaml", entries: [valid(77.5, { date: "2026-05-23" })] },
  { file: "Vedika-advanced-AI__Vedika-4.1-flash__gpqa.yaml", entries: [valid(78.8, { date: "2026-05-23" })] },
  { file: "Vedika-advanced-AI__Vedika-4.1-flash__hle.yaml", entries: [brokenBenchmark(5.2)] },
  { file: "Vedika-advanced-AI__Vedika-4.1-flash__mmlu_pro.yaml", entries: [brokenBenchmark(77.2)] },
  { file: "Vedika-advanced-AI__Vedika-4.1-flash__mmmu_pro.yaml", entries: [notABenchmark(69.1)] },
  { file: "reconstructed/FireRedTeam__FireRed-OCR__olmocrbench.EXCERPT.yaml", entries: [valid(70.2, { line: 1 }), valid(77.7, { line: 9 }), valid(58.3, { line: 16 })] },
  { file: "reconstructed/MiniMaxAI__MiniMax-M2.1__mmlu_pro.NO-TASK-ID.yaml", entries: [{ status: "invalid", value: 88, because: "task_id" }], problems: [noTaskId] },
  { file: "reconstructed/MiniMaxAI__MiniMax-M2.1__swe_bench_verified_with_tools.yaml", entries: [notABenchmark(74, { date: "2026-03-17" })] },
  { file: "reconstructed/MiniMaxAI__MiniMax-M2.5__gpqa.yaml", entries: [valid(85.2, { date: "2026-02-13" })] },
  { file: "reconstructed/MiniMaxAI__MiniMax-M2.5__hle.yaml", entries: [brokenBenchmark(19.4)] },
  { file: "reconstructed/MiniMaxAI__MiniMax-M2.5__swe_bench_pro.yaml", entries: [valid(55.4)] },
  { file: "reconstructed/MiniMaxAI__MiniMax-M2.5__swe_bench_verified.yaml", entries: [notABenchmark(75.8, { line: 1 }), notABenchmark(80.2, { line: 11 })] },
  { file: "reconstructed/MiniMaxAI__MiniMax-M2.7__swe-bench_pro.yaml", entries: [valid(56.2)] },
  { file: "reconstructed/MiniMaxAI__MiniMax-M2.7__terminal-bench-2.0.yaml", entries: [notABenchmark(57)] },
  { file: "reconstructed/MiniMaxAI__MiniMax-M2__hle.yaml", entries: [brokenBenchmark(12.5, { date: "2026-01-28" })] },
  { file: "reconstructed/MiniMaxAI__MiniMax-M2__mmlu-pro.yaml", entries: [brokenBenchmark(82)] },
  { file: "reconstructed/MiniMaxAI__MiniMax-M2__terminal_bench.yaml", entries: [notABenchmark(30, { date: "2025-11-01" })] },
  { file: "reconstructed/SnurfyAI__Sn-CodeExplainer-0.5B__gsm8k.yaml", entries: [brokenBenchmark(0.2767, { date: "2026-03-19" })] },
  { file: "reconstructed/Zyphra__ZAYA1-8B__gpqa.yaml", entries: [valid(71)] },
  { file: "reconstructed/Zyphra__ZAYA1-8B__mmlu-pro.yaml", entries: [brokenBenchmark(74.2)] },
  {
    file: "reconstructed/arcee-ai__Trinity-Large-Preview__gpqa.yaml",
    entries: [{ status: "unknown-task", value: 63.3, date: "2026-02-03", suggestions: ["diamond"], because: "did you mean `diamond`?" }],
  },
  { file: "reconstructed/arcee-ai__Trinity-Large-Preview__mmlu_pro.yaml", entries: [brokenBenchmark(75.2)] },
  { file: "reconstructed/deepseek-ai__DeepSeek-R1__mmlu_pro.NO-TASK-ID.yaml", entries: [{ status: "invalid", value: 84, because: "task_id" }], problems: [noTaskId] },
  { file: "reconstructed/infly__Infinity-Parser-7B__olmocrbench.EXCERPT.yaml", entries: [valid(82.5, { line: 1 }), valid(84.4, { line: 9 })] },
  { file: "reconstructed/lm-provers__QED-Nano__MathArena--aime_2026.yaml", entries: [valid(82.5, { date: "2026-03-17" })] },
  { file: "reconstructed/openai__gpt-oss-120b__swe_bench_verified_medium.yaml", entries: [notABenchmark(52.6, { date: "2025-08-05" })] },
  { file: "reconstructed/zai-org__GLM-5__swe_bench_verified.yaml", entries: [notABenchmark(72.8)] },
];

function expectProblems(actual: { line: number; column: number; path: string; code: string; severity: string; message: string }[], expected: ExpectedProblem[]) {
  expect(actual.map((p) => ({ line: p.line, column: p.column, path: p.path, code: p.code, severity: p.severity }))).toEqual(
    expected.map((p) => ({ line: p.line, column: p.column, path: p.path, code: p.code, severity: p.severity ?? "error" })),
  );
  expected.forEach((p, i) => {
    if (p.says) expect(actual[i]?.message).toContain(p.says);
  });
}

const registry = staticRegistry(
  BENCHMARKS.map((b) => registeredFromEvalYaml(b.datasetId, validateEvalYaml(readFileSync(`${EVAL_YAML}/${b.file}`), { file: b.file }))),
);

describe("eval.yaml fixtures", () => {
  it.each(BENCHMARKS)("$file", ({ file, tasks, problems }) => {
    const result = validateEvalYaml(readFileSync(`${EVAL_YAML}/${file}`), { file });
    expect(result.benchmark?.tasks.map((t) => t.id) ?? null).toEqual(tasks);
    expectProblems(result.problems, problems);
    for (const p of result.problems) expect(p.file).toBe(file);
  });

  it("fills task defaults and keeps Inspect fields", () => {
    const gpqa = validateEvalYaml(readFileSync(`${EVAL_YAML}/Idavidrein__gpqa.eval.yaml`)).benchmark;
    expect(gpqa?.evaluationFramework).toBe("inspect-ai");
    expect(gpqa?.tasks[0]).toMatchObject({ id: "diamond", config: "gpqa_diamond", split: "train" });
    expect(gpqa?.tasks[0]?.fields).toMatchObject({ epochs: 4, epoch_reducer: "pass_at_1", field_spec: { target: "literal:D" } });
  });

  it("names the registry's broken benchmarks with the reason", () => {
    expect(registry.get("cais/hle")).toEqual({ id: "cais/hle", taskIds: null, invalidReason: "missing field at evaluation_framework (eval.yaml:1:1)" });
  });
});

describe(".eval_results fixtures against the fixture registry", () => {
  it.each(RESULTS)("$file", ({ file, entries, problems }) => {
    const parsed = validateEvalResults(readFileSync(`${EVAL_RESULTS}/${file}`), { file });
    expectProblems(parsed.problems, problems ?? []);
    expect(parsed.entries).toHaveLength(entries.length);
    parsed.entries.forEach((entry, i) => {
      const want = entries[i]!;
      const got = classifyEntry(entry, registry);
      expect(got.status).toBe(want.status);
      expect((entry.entry ?? (entry.raw as { value: number })).value).toBe(want.value);
      if (want.line !== undefined) expect(entry.line).toBe(want.line);
      if (want.date !== undefined) expect(entry.entry?.date).toBe(want.date);
      if (want.suggestions !== undefined) expect(got.suggestions).toEqual(want.suggestions);
      if (want.because !== undefined) expect(got.reasons.join(" ")).toContain(want.because);
      if (want.status === "valid") expect(got.reasons).toEqual([]);
    });
  });

  it("counts what the whole fixture set holds", () => {
    const statuses = RESULTS.flatMap(({ file }) =>
      validateEvalResults(readFileSync(`${EVAL_RESULTS}/${file}`), { file }).entries.map((e) => classifyEntry(e, registry).status),
    );
    const count = (s: ResultStatus) => statuses.filter((x) => x === s).length;
    expect({ valid: count("valid"), unknownBenchmark: count("unknown-benchmark"), unknownTask: count("unknown-task"), invalid: count("invalid") }).toEqual({
      valid: 14,
      unknownBenchmark: 23,
      unknownTask: 1,
      invalid: 2,
    });
  });
});
