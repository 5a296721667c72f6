import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { log } from "../../src/git/log.ts";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { repoGitDir } from "../support/repo-content.ts";
import { board, commitTo, errorOf, FIXTURES, getJson, loadFixtures, modelResults, ranking, type ModelResultRow } from "../support/results-hub.ts";
import { call, createRepoAs, refOf } from "../support/write-api.ts";

// The real files of ../shared/fixtures in a hub: every eval.yaml as a benchmark dataset, every results file in
// its model's repository. Expected leaderboards and classifications are read off the fixtures by hand.

/** One entry of a model's /eval-results, reduced to what the classification tests look at. */
const brief = (r: ModelResultRow) => ({ file: r.filename, dataset: r.datasetId, task: r.taskId, value: r.value, status: r.status });

const NO_VALID_EVAL_YAML = (id: string, line: number) => `\`${id}\` has no valid eval.yaml: missing field at evaluation_framework (eval.yaml:${line}:1)`;

describeEachDialectWithHub("leaderboards of the real fixtures", (getHub) => {
  let token = "";
  let loadStarted = "";
  beforeAll(async () => {
    const hub = getHub();
    token = await hub.createUser("loader");
    loadStarted = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
    await loadFixtures(hub, "loader", token);
    // A dataset without eval.yaml: not a benchmark.
    await createRepoAs(hub, token, "loader/plain-data", { kind: "dataset" });
    await commitTo(hub, token, "loader/plain-data", { "data.csv": "q,a\n1,2\n" }, { kind: "dataset" });
  }, 600_000);

  describe("GPQA diamond", () => {
    it("ranks the four valid diamond results, one row per model, best first; the arcee `gpqa_diamond` entry is not among them", async () => {
      const expected = [
        ["MiniMaxAI/MiniMax-M2.5", 85.2],
        ["Vedika-advanced-AI/Vedika-4.1-flash", 78.8],
        ["Vedika-advanced-AI/Aura-Gen-2.0", 72.22],
        ["Zyphra/ZAYA1-8B", 71],
      ];
      // diamond is the first task, so the default leaderboard.
      expect(await ranking(getHub(), "Idavidrein/gpqa")).toEqual(expected);
      expect(await ranking(getHub(), "Idavidrein/gpqa", "task_id=diamond")).toEqual(expected);
      const res = await call(getHub(), "GET", "/api/datasets/Idavidrein/gpqa/leaderboard");
      expect(res.headers.get("x-total-count")).toBe("4");
      // No fixture reports GPQA main or extended.
      expect(await board(getHub(), "Idavidrein/gpqa", "task_id=main")).toEqual([]);
      expect(await board(getHub(), "Idavidrein/gpqa", "task_id=extended")).toEqual([]);
    });

    it("answers each row in Hugging Face's shape, with the entry's source, notes and date", async () => {
      const hub = getHub();
      const rows = await board(hub, "Idavidrein/gpqa");
      const head = async (id: string) => (await refOf(hub, id))!;
      expect(rows[0]).toEqual({
        rank: 1,
        modelId: "MiniMaxAI/MiniMax-M2.5",
        value: 85.2,
        verified: false,
        filename: ".eval_results/gpqa.yaml",
        source: { url: "https://huggingface.co/MiniMaxAI/MiniMax-M2.5", name: "Model Card", isExternal: true },
        author: expect.objectContaining({ name: "MiniMaxAI", fullname: "MiniMaxAI", type: "org", isHf: false, isHfAdmin: false, isMod: false }),
        lower_is_better: false,
        task_id: "diamond",
        date: "2026-02-13",
        commit: await head("MiniMaxAI/MiniMax-M2.5"),
        community: false,
      });
      expect(rows[2]).toMatchObject({
        modelId: "Vedika-advanced-AI/Aura-Gen-2.0",
        filename: ".eval_results/gpqa_diamond.yaml",
        source: { url: "https://huggingface.co/datasets/Idavidrein/gpqa", name: "Community evaluation — GPQA Diamond (thinking mode, 198 questions, prism-ml/llama.cpp)", isExternal: true },
        notes: "Q2, CTX=32768, thinking mode ON, temp=0.7, top-p=0.95, top-k=20, 143/198 correct, 44 wrong, 11 no-answer (OOTK), 0 errors, RTX4090 ~84 tok/s avg",
        date: "2026-07-18",
      });
      // ZAYA1-8B's entry has no date: its date is the time of the commit that holds it.
      const zaya = rows[3]!;
      const [commit] = await log(repoGitDir(hub, "model", "Zyphra/ZAYA1-8B"), zaya.commit, { limit: 1 });
      expect(zaya.commit).toBe(await head("Zyphra/ZAYA1-8B"));
      expect(zaya.date).toBe(new Date(commit!.committerDate).toISOString());
      expect(zaya.date >= loadStarted).toBe(true);
      // Every key of HF's own answer (MathArena/aime_2026 excerpt) is there, bar the optional num_parameters (no sizes in the fixtures).
      const hf = JSON.parse(await readFile(join(FIXTURES, "api/MathArena__aime_2026.leaderboard.EXCERPT.json"), "utf8")) as Record<string, unknown>[];
      const hfKeys = Object.keys(hf[0]!).filter((k) => k !== "num_parameters");
      for (const row of rows) expect(Object.keys(row)).toEqual(expect.arrayContaining(hfKeys.filter((k) => k !== "notes" || row.notes !== undefined)));
      for (const row of rows) expect(row).not.toHaveProperty("pullRequest");
    });
  });

  describe("other benchmarks", () => {
    it("olmOCR-bench: overall (the default) and arxiv_math from the two excerpts; old_scans_math has FireRed alone", async () => {
      expect(await ranking(getHub(), "allenai/olmOCR-bench")).toEqual([["infly/Infinity-Parser-7B", 82.5], ["FireRedTeam/FireRed-OCR", 70.2]]);
      expect(await ranking(getHub(), "allenai/olmOCR-bench", "task_id=overall")).toEqual([["infly/Infinity-Parser-7B", 82.5], ["FireRedTeam/FireRed-OCR", 70.2]]);
      expect(await ranking(getHub(), "allenai/olmOCR-bench", "task_id=arxiv_math")).toEqual([["infly/Infinity-Parser-7B", 84.4], ["FireRedTeam/FireRed-OCR", 77.7]]);
      expect(await ranking(getHub(), "allenai/olmOCR-bench", "task_id=old_scans_math")).toEqual([["FireRedTeam/FireRed-OCR", 58.3]]);
      expect(await board(getHub(), "allenai/olmOCR-bench", "task_id=headers_footers")).toEqual([]);
      const fire = (await board(getHub(), "allenai/olmOCR-bench"))[1]!;
      // source.name is absent in FireRed's entries, so the source has no name.
      expect(fire.source).toEqual({ url: "https://huggingface.co/FireRedTeam/FireRed-OCR", isExternal: true });
      expect(fire.notes).toBe("Excluding Headers & Footers category");
      expect(fire.filename).toBe(".eval_results/olmocrbench.EXCERPT.yaml");
    });

    it("MathArena/aime_2026: its one task id contains a slash", async () => {
      expect(await ranking(getHub(), "MathArena/aime_2026")).toEqual([
        ["Vedika-advanced-AI/Aura-Gen-2.0", 87.5],
        ["lm-provers/QED-Nano", 82.5],
        ["Vedika-advanced-AI/Vedika-4.1-flash", 77.5],
      ]);
      expect(await ranking(getHub(), "MathArena/aime_2026", `task_id=${encodeURIComponent("MathArena/aime_2026")}`)).toEqual([
        ["Vedika-advanced-AI/Aura-Gen-2.0", 87.5],
        ["lm-provers/QED-Nano", 82.5],
        ["Vedika-advanced-AI/Vedika-4.1-flash", 77.5],
      ]);
      const rows = await board(getHub(), "MathArena/aime_2026");
      expect(rows.map((r) => [r.filename, r.notes, r.task_id])).toEqual([
        [".eval_results/aime_2026.yaml", undefined, "MathArena/aime_2026"],
        [".eval_results/MathArena--aime_2026.yaml", undefined, "MathArena/aime_2026"],
        [".eval_results/aime_2026.yaml", "No tools", "MathArena/aime_2026"],
      ]);
    });

    it("ScaleAI/SWE-bench_Pro: MiniMax M2.7 above M2.5", async () => {
      expect(await ranking(getHub(), "ScaleAI/SWE-bench_Pro")).toEqual([["MiniMaxAI/MiniMax-M2.7", 56.2], ["MiniMaxAI/MiniMax-M2.5", 55.4]]);
      expect((await board(getHub(), "ScaleAI/SWE-bench_Pro")).map((r) => r.filename)).toEqual([".eval_results/swe-bench_pro.yaml", ".eval_results/swe_bench_pro.yaml"]);
    });

    it("a valid benchmark nobody reported on has an empty leaderboard", async () => {
      expect(await board(getHub(), "internlm/WildClawBench")).toEqual([]);
      expect(await board(getHub(), "Hanno-Labs/decision-bench-results")).toEqual([]);
    });
  });

  describe("classification", () => {
    it("arcee's GPQA entry names task `gpqa_diamond`: unknown-task, suggesting `diamond`", async () => {
      const [gpqa] = (await modelResults(getHub(), "arcee-ai/Trinity-Large-Preview")).filter((r) => r.filename === ".eval_results/gpqa.yaml");
      expect(gpqa).toMatchObject({ datasetId: "Idavidrein/gpqa", taskId: "gpqa_diamond", value: 63.3, status: "unknown-task", suggestions: ["diamond"], ref: "refs/heads/main", pullRequest: null });
      expect(gpqa!.reasons).toEqual(["`gpqa_diamond` is not a task of `Idavidrein/gpqa`; did you mean `diamond`?"]);
    });

    it("the NO-TASK-ID files are invalid, the reason naming task_id", async () => {
      for (const [model, value] of [["MiniMaxAI/MiniMax-M2.1", 88], ["deepseek-ai/DeepSeek-R1", 84]] as const) {
        const [entry] = (await modelResults(getHub(), model)).filter((r) => r.filename === ".eval_results/mmlu_pro.NO-TASK-ID.yaml");
        expect(brief(entry!)).toEqual({ file: ".eval_results/mmlu_pro.NO-TASK-ID.yaml", dataset: "TIGER-Lab/MMLU-Pro", task: null, value, status: "invalid" });
        expect(entry!.reasons).toEqual(["[0].dataset.task_id: `task_id` is required (expected a string)"]);
        // model_info's evalResults carries the error, which huggingface_hub skips.
        const info = await getJson<{ evalResults: { filename: string; error?: string }[] }>(getHub(), `/api/models/${model}?expand[]=evalResults`);
        expect(info.evalResults.find((r) => r.filename === ".eval_results/mmlu_pro.NO-TASK-ID.yaml")?.error).toContain("task_id");
      }
    });

    it("MMLU-Pro's fixture eval.yaml has no evaluation_framework: its results are unknown-benchmark, 'has no valid eval.yaml'", async () => {
      const expected: [string, string, number][] = [
        ["Vedika-advanced-AI/Vedika-4.1-flash", ".eval_results/mmlu_pro.yaml", 77.2],
        ["arcee-ai/Trinity-Large-Preview", ".eval_results/mmlu_pro.yaml", 75.2],
        ["Zyphra/ZAYA1-8B", ".eval_results/mmlu-pro.yaml", 74.2],
        ["MiniMaxAI/MiniMax-M2", ".eval_results/mmlu-pro.yaml", 82.0],
        ["Ch3nOff/dual-loop-controller", ".eval_results/mmlu_pro.yaml", 55.3],
      ];
      for (const [model, file, value] of expected) {
        const [entry] = (await modelResults(getHub(), model)).filter((r) => r.filename === file);
        expect(brief(entry!)).toEqual({ file, dataset: "TIGER-Lab/MMLU-Pro", task: "mmlu_pro", value, status: "unknown-benchmark" });
        // The eval.yaml's first key (`name`) is on line 2, after the comment: where the missing field is reported.
        expect(entry!.reasons).toEqual([NO_VALID_EVAL_YAML("TIGER-Lab/MMLU-Pro", 2)]);
      }
      const res = await call(getHub(), "GET", "/api/datasets/TIGER-Lab/MMLU-Pro/leaderboard");
      expect(await errorOf(res)).toMatchObject({ status: 404, code: "NotABenchmark" });
    });

    it("ai2_arc (no namespace, no such dataset) and the made-up macro suite are unknown-benchmark", async () => {
      const results = await modelResults(getHub(), "Ch3nOff/dual-loop-controller");
      expect(results.filter((r) => r.filename !== ".eval_results/mmlu_pro.yaml").map((r) => ({ ...brief(r), reasons: r.reasons, line: r.line }))).toEqual([
        { file: ".eval_results/ai2_arc.yaml", dataset: "ai2_arc", task: "ARC-Easy", value: 80, status: "unknown-benchmark", reasons: ["`ai2_arc` is not a benchmark on this hub"], line: 1 },
        { file: ".eval_results/ai2_arc.yaml", dataset: "ai2_arc", task: "ARC-Challenge", value: 50, status: "unknown-benchmark", reasons: ["`ai2_arc` is not a benchmark on this hub"], line: 11 },
        {
          file: ".eval_results/macro_20_benchmarks.yaml", dataset: "AI-Evaluation/macro_reasoning_suite", task: "20_benchmark_macro_suite", value: 57.5, status: "unknown-benchmark",
          reasons: ["`AI-Evaluation/macro_reasoning_suite` is not a benchmark on this hub"], line: 1,
        },
      ]);
    });

    it("every entry of Aura-Gen-2.0: two valid, gsm8k's benchmark invalid, MMMU-Pro not on this hub (both versions of the file)", async () => {
      expect((await modelResults(getHub(), "Vedika-advanced-AI/Aura-Gen-2.0")).map(brief)).toEqual([
        { file: ".eval_results/aime_2026.yaml", dataset: "MathArena/aime_2026", task: "MathArena/aime_2026", value: 87.5, status: "valid" },
        { file: ".eval_results/gpqa_diamond.yaml", dataset: "Idavidrein/gpqa", task: "diamond", value: 72.22, status: "valid" },
        { file: ".eval_results/gsm8k.yaml", dataset: "openai/gsm8k", task: "gsm8k", value: 96.06, status: "unknown-benchmark" },
        { file: ".eval_results/mmmu_pro__v1.yaml", dataset: "MMMU/MMMU_Pro", task: "mmmu_pro_standard_4_options", value: 68.96, status: "unknown-benchmark" },
        { file: ".eval_results/mmmu_pro__v2.yaml", dataset: "MMMU/MMMU_Pro", task: "mmmu_pro_vision", value: 68.96, status: "unknown-benchmark" },
      ]);
    });
  });

  describe("benchmark definitions", () => {
    it("cais/hle has no evaluation_framework: GET …/benchmark shows the problem with line and column; no leaderboard", async () => {
      const hle = await getJson<{ id: string; official: boolean; valid: boolean; problems: Record<string, unknown>[]; definition: unknown; definitionCommit: unknown; commit: string }>(
        getHub(), "/api/datasets/cais/hle/benchmark",
      );
      expect(hle).toMatchObject({ id: "cais/hle", official: false, valid: false, definition: null, definitionCommit: null, commit: await refOf(getHub(), "cais/hle", "refs/heads/main", "dataset") });
      // The missing key is reported where the top-level mapping starts: `name:` on line 1, column 1.
      expect(hle.problems).toEqual([
        expect.objectContaining({ file: "eval.yaml", line: 1, column: 1, path: "evaluation_framework", summary: "Missing field", severity: "error", code: "missing-field" }),
      ]);
      expect(hle.problems[0]!.message).toContain("`evaluation_framework` is required");
      expect(await errorOf(await call(getHub(), "GET", "/api/datasets/cais/hle/leaderboard"))).toMatchObject({ status: 404, code: "NotABenchmark" });
      // Its results are unknown-benchmark, with that problem's place.
      const [m2] = (await modelResults(getHub(), "MiniMaxAI/MiniMax-M2")).filter((r) => r.filename === ".eval_results/hle.yaml");
      expect(m2).toMatchObject({ status: "unknown-benchmark", reasons: [NO_VALID_EVAL_YAML("cais/hle", 1)] });
    });

    it("MathArena/aime_2025 (the refs/pr/2 file, loaded on main) is flagged for its missing evaluation_framework, as the Hub flags it", async () => {
      const aime = await getJson<{ valid: boolean; definition: unknown; problems: { line: number; column: number; path: string; summary: string }[] }>(getHub(), "/api/datasets/MathArena/aime_2025/benchmark");
      expect(aime).toMatchObject({ valid: false, definition: null });
      expect(aime.problems.map((p) => [p.line, p.column, p.path, p.summary])).toEqual([[1, 1, "evaluation_framework", "Missing field"]]);
      expect(await errorOf(await call(getHub(), "GET", "/api/datasets/MathArena/aime_2025/leaderboard"))).toMatchObject({ status: 404, code: "NotABenchmark" });
    });

    it("final-bench's non-conforming file lists every problem, task fields at the top level included", async () => {
      const fb = await getJson<{ valid: boolean; problems: { line: number; column: number; path: string; code: string }[] }>(getHub(), "/api/datasets/final-bench/final-bench/benchmark");
      expect(fb.valid).toBe(false);
      expect(fb.problems.map((p) => [p.line, p.column, p.path, p.code])).toEqual([
        [1, 1, "evaluation_framework", "missing-field"],
        [14, 1, "field_spec", "unknown-key"],
        [18, 1, "solvers", "unknown-key"],
        [21, 1, "scorers", "unknown-key"],
      ]);
    });

    it("valid definitions keep the tasks in file order", async () => {
      const olmocr = await getJson<{ valid: boolean; definition: { evaluationFramework: string; tasks: { id: string }[] } }>(getHub(), "/api/datasets/allenai/olmOCR-bench/benchmark");
      expect(olmocr.valid).toBe(true);
      expect(olmocr.definition.evaluationFramework).toBe("olmocr-bench");
      expect(olmocr.definition.tasks.map((t) => t.id)).toEqual(["overall", "arxiv_math", "headers_footers", "long_tiny_text", "multi_column", "old_scans", "old_scans_math", "table_tests", "baseline"]);
      const gpqa = await getJson<{ valid: boolean; definition: { tasks: { id: string }[] } }>(getHub(), "/api/datasets/Idavidrein/gpqa/benchmark");
      expect(gpqa.definition.tasks.map((t) => t.id)).toEqual(["diamond", "main", "extended"]);
    });

    it("errors: a dataset without eval.yaml → 404 NotABenchmark, an unknown dataset → 404 RepoNotFound, an unknown task → 404 TaskNotFound", async () => {
      const hub = getHub();
      expect(await errorOf(await call(hub, "GET", "/api/datasets/loader/plain-data/leaderboard"))).toMatchObject({ status: 404, code: "NotABenchmark" });
      expect(await errorOf(await call(hub, "GET", "/api/datasets/loader/plain-data/benchmark"))).toMatchObject({ status: 404, code: "NotABenchmark" });
      expect(await errorOf(await call(hub, "GET", "/api/datasets/nobody/nothing/leaderboard"))).toMatchObject({ status: 404, code: "RepoNotFound" });
      // A model's id is not a dataset.
      expect(await errorOf(await call(hub, "GET", "/api/datasets/MiniMaxAI/MiniMax-M2.5/leaderboard"))).toMatchObject({ status: 404, code: "RepoNotFound" });
      const task = await errorOf(await call(hub, "GET", "/api/datasets/Idavidrein/gpqa/leaderboard?task_id=gpqa_diamond"));
      expect(task).toMatchObject({ status: 404, code: "TaskNotFound" });
      expect(task.error).toContain("diamond, main, extended");
    });
  });

  describe("after MMLU-Pro's eval.yaml is fixed", () => {
    beforeAll(async () => {
      const hub = getHub();
      const original = await readFile(join(FIXTURES, "eval-yaml/TIGER-Lab__MMLU-Pro.eval.yaml"), "utf8");
      expect(original).toContain("\ntasks:\n");
      const fixed = original.replace("\ntasks:\n", "\nevaluation_framework: inspect-ai\ntasks:\n");
      await commitTo(hub, token, "TIGER-Lab/MMLU-Pro", { "eval.yaml": fixed }, { kind: "dataset", summary: "Add evaluation_framework" });
    });

    it("the benchmark is valid and its results are reclassified valid (the NO-TASK-ID ones stay invalid)", async () => {
      const hub = getHub();
      const def = await getJson<{ valid: boolean; problems: unknown[]; definition: { evaluationFramework: string; tasks: { id: string; config: string; split: string }[] } }>(hub, "/api/datasets/TIGER-Lab/MMLU-Pro/benchmark");
      expect(def.valid).toBe(true);
      expect(def.problems).toEqual([]);
      expect(def.definition.evaluationFramework).toBe("inspect-ai");
      expect(def.definition.tasks.map((t) => [t.id, t.config, t.split])).toEqual([["mmlu_pro", "default", "test"]]);
      for (const [model, file] of [
        ["Vedika-advanced-AI/Vedika-4.1-flash", ".eval_results/mmlu_pro.yaml"],
        ["arcee-ai/Trinity-Large-Preview", ".eval_results/mmlu_pro.yaml"],
        ["Zyphra/ZAYA1-8B", ".eval_results/mmlu-pro.yaml"],
        ["MiniMaxAI/MiniMax-M2", ".eval_results/mmlu-pro.yaml"],
        ["Ch3nOff/dual-loop-controller", ".eval_results/mmlu_pro.yaml"],
      ]) {
        const [entry] = (await modelResults(hub, model!)).filter((r) => r.filename === file);
        expect({ model, status: entry!.status, reasons: entry!.reasons }).toEqual({ model, status: "valid", reasons: [] });
      }
      const [noTask] = (await modelResults(hub, "deepseek-ai/DeepSeek-R1")).filter((r) => r.filename === ".eval_results/mmlu_pro.NO-TASK-ID.yaml");
      expect(noTask!.status).toBe("invalid");
    });

    it("its leaderboard ranks the five valid MMLU-Pro results", async () => {
      expect(await ranking(getHub(), "TIGER-Lab/MMLU-Pro")).toEqual([
        ["MiniMaxAI/MiniMax-M2", 82.0],
        ["Vedika-advanced-AI/Vedika-4.1-flash", 77.2],
        ["arcee-ai/Trinity-Large-Preview", 75.2],
        ["Zyphra/ZAYA1-8B", 74.2],
        ["Ch3nOff/dual-loop-controller", 55.3],
      ]);
      const rows = await board(getHub(), "TIGER-Lab/MMLU-Pro");
      expect(rows[4]).toMatchObject({
        filename: ".eval_results/mmlu_pro.yaml",
        source: { url: "https://huggingface.co/datasets/OpenEvals/leaderboard-data", name: "OpenEvals Multi-Benchmark Dataset", isExternal: true },
        notes: "Base model Qwen/Qwen3.5-2B backbone with Dual-Loop Cognitive Controller adapter Layer 11 hook",
        date: "2026-09-17",
        task_id: "mmlu_pro",
      });
      // GPQA is untouched by the change.
      expect((await ranking(getHub(), "Idavidrein/gpqa")).length).toBe(4);
    });
  });
});
