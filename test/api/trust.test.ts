import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { beforeAll, expect, it } from "vitest";
import { stringify } from "yaml";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { board, commitTo, errorOf, FIXTURES, getJson, inBatches, modelResults, type BoardRow } from "../support/results-hub.ts";
import { call, createRepoAs } from "../support/write-api.ts";

// Trust end to end on a real hub: evidence logs read and checked at index time, structured setup and its filters,
// conflicts between a model's entries, 95% intervals and statistical ties on leaderboards.

const log = (name: string) => readFileSync(`${FIXTURES}/inspect-logs/${name}`);
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");
const MINIMAX_FILE = readFileSync(`${FIXTURES}/eval-results/reconstructed/MiniMaxAI__MiniMax-M2.5__swe_bench_verified.yaml`);

const POPULARITY = "alice/popularity";
const MMLU = "cais/mmlu";
const SWE = "SWE-bench/SWE-bench_Verified";
const SWE_TASK = "swe_bench_%_resolved";

const INSPECT_YAML = (task: string, extra = "") =>
  `name: ${task}\ndescription: ${task} for the trust tests\nevaluation_framework: inspect-ai\ntasks:\n  - id: ${task}\n    field_spec:\n      input: question\n      target: answer\n` +
  `    solvers:\n      - name: generate\n    scorers:\n      - name: match\n${extra}`;
const SWE_YAML = `name: SWE-bench Verified\ndescription: Real GitHub issues\nevaluation_framework: swe-bench\ntasks:\n  - id: ${SWE_TASK}\n    unit: "%"\n    scale: percent\n`;

type Entry = Record<string, unknown>;
const result = (dataset: string, task: string, value: number, extra: Entry = {}): Entry => ({ dataset: { id: dataset, task_id: task }, value, ...extra });
const yaml = (...entries: Entry[]) => stringify(entries);

interface TrustRow extends BoardRow {
  logChecked?: boolean;
  setup?: Record<string, unknown>;
  ci95?: [number, number];
  tiedWithPrevious?: boolean;
  conflict?: boolean;
  conflictWith?: { value: number; ref: string; filename: string; contentHash: string }[];
}

interface TrustResult {
  value: number;
  notes: string | null;
  badges: { logChecked: boolean; conflict: boolean };
  evidence: { path: string; status: string; detail: string; sha256: string | null } | null;
  setup: Record<string, unknown> | null;
  conflictWith?: { value: number }[];
}

interface ConflictBody {
  id: string;
  modelId: string;
  task_id: string;
  entries: { value: number; ref: string; notes: string | null; source: { url: string; name?: string } | null }[];
  difference: { absolute: number; tolerance: number; rule: string };
  fields: { field: string; values: [unknown, unknown] }[];
}

describeEachDialectWithHub("trust: evidence, setup, conflicts, uncertainty", (getHub) => {
  let alice = "";
  let bob = "";
  const results = async (model: string, token?: string) => (await modelResults(getHub(), model, token)) as unknown as TrustResult[];
  const trustBoard = async (id: string, query = "", token?: string) => (await board(getHub(), id, query, token)) as TrustRow[];
  const conflicts = (id: string, query = "", token?: string) => getJson<ConflictBody[]>(getHub(), `/api/datasets/${id}/conflicts${query ? `?${query}` : ""}`, { token });

  beforeAll(async () => {
    const hub = getHub();
    alice = await hub.createUser("alice");
    bob = await hub.createUser("bob");
    const orgs = ["meta-llama", "zstd-mirror", "legacy-mirror", "broken-mirror", "google", "openai", "cais", "SWE-bench", "MiniMaxAI"];
    await inBatches(orgs, 3, (ns) => hub.cli(["org", "create", ns, "--member", "alice:admin"]));
    const benchmarks: [string, string][] = [[POPULARITY, INSPECT_YAML("popularity", "    scale: fraction\n")], [MMLU, INSPECT_YAML("mmlu_0_shot")], [SWE, SWE_YAML]];
    for (const [id, text] of benchmarks) {
      await createRepoAs(hub, alice, id, { kind: "dataset" });
      await commitTo(hub, alice, id, { "eval.yaml": text }, { kind: "dataset" });
    }
    const run = log("log_formats.eval");
    const models: [string, Record<string, string | Buffer>, boolean?][] = [
      ["meta-llama/llama3.1", { "logs/run.eval": run, ".eval_results/popularity.yaml": yaml(result(POPULARITY, "popularity", 0, { evidence: { path: "logs/run.eval", sha256: sha256(run) } })) }],
      ["zstd-mirror/llama3.1", { "logs/run.eval": log("log_formats.zstd.eval"), ".eval_results/popularity.yaml": yaml(result(POPULARITY, "popularity", 0, { evidence: { path: "./logs/run.eval" } })) }],
      ["legacy-mirror/llama3.1", {
        "logs/legacy.json": log("log_formats_legacy-2024-10.json"),
        ".eval_results/popularity.yaml": yaml(result(POPULARITY, "popularity", 0, { source: { url: "https://elsewhere.example/legacy-mirror/llama3.1/blob/main/logs/legacy.json", name: "Eval traces" } })),
      }],
      ["broken-mirror/llama3.1", {
        "logs/run.eval": run,
        ".eval_results/popularity.yaml": yaml(
          result(POPULARITY, "popularity", 0, { evidence: { path: "logs/missing.eval" } }),
          result(POPULARITY, "popularity", 0, { evidence: { path: "logs/run.eval", sha256: "0".repeat(64) } }),
        ),
      }],
      ["google/gemma3", { "logs/sample.json": log("log_read_sample_2025-07.json"), ".eval_results/popularity.yaml": yaml(result(POPULARITY, "popularity", 100, { evidence: { path: "logs/sample.json" } })) }],
      ["meta-llama/Meta-Llama-3-1-405B-Instruct-jqf", { "logs/streaming.eval": log("log_streaming.eval"), ".eval_results/popularity.yaml": yaml(result(POPULARITY, "popularity", 0.412, { evidence: { path: "logs/streaming.eval" } })) }],
      ["openai/gpt-4o-mini", {
        "logs/cancelled.json": log("2025-05-12T20-28-13-04-00_no-samples.json"),
        "logs/unscored.eval": log("2025-02-11T15-17-00-05-00_popularity_dPiJifoWeEQBrfWsAopzWr.eval"),
        ".eval_results/popularity.yaml": yaml(
          result(POPULARITY, "popularity", 0.6666666666666666, { evidence: { path: "logs/cancelled.json" } }),
          result(POPULARITY, "popularity", 0.66, { evidence: { path: "logs/unscored.eval" } }),
        ),
      }],
      ["openai/gpt-4o", { "logs/mmlu.eval": log("mmlu-summary-choices.eval"), ".eval_results/mmlu.yaml": yaml(result(MMLU, "mmlu_0_shot", 0, { evidence: { path: "logs/mmlu.eval" } })) }],
      ["MiniMaxAI/MiniMax-M2.5", { ".eval_results/swe_bench_verified.yaml": MINIMAX_FILE }],
      ["alice/effort-model", { ".eval_results/swe.yaml": yaml(result(SWE, SWE_TASK, 75.8, { setup: { reasoning_effort: "high" } }), result(SWE, SWE_TASK, 80.2, { setup: { reasoning_effort: "xhigh" } })) }],
      ["alice/equal-model", { ".eval_results/swe.yaml": yaml(result(SWE, SWE_TASK, 60, { notes: "run 1" }), result(SWE, SWE_TASK, 60.5, { notes: "run 2" })) }],
      ["alice/tools-on", { ".eval_results/swe.yaml": yaml(result(SWE, SWE_TASK, 70, { setup: { tools: true, n_shot: 0, samples: 500 } })) }],
      ["alice/tools-off", { ".eval_results/swe.yaml": yaml(result(SWE, SWE_TASK, 68, { setup: { tools: false, samples: 500 } })) }],
      ["alice/stderr-model", { ".eval_results/swe.yaml": yaml(result(SWE, SWE_TASK, 50, { setup: { tools: true, stderr: 1 } })) }],
      ["alice/private-model", { ".eval_results/swe.yaml": yaml(result(SWE, SWE_TASK, 10), result(SWE, SWE_TASK, 20)) }, true],
    ];
    for (const [id, files, isPrivate] of models) {
      await createRepoAs(hub, alice, id, { private: isPrivate ?? false });
      await commitTo(hub, alice, id, files);
    }
  }, 300_000);

  it("the Inspect fixture logs attached as evidence are log-checked, with the log's SHA-256", async () => {
    const cases: [string, string, string][] = [
      ["meta-llama/llama3.1", "logs/run.eval", "log_formats.eval"],
      ["zstd-mirror/llama3.1", "logs/run.eval", "log_formats.zstd.eval"],
      ["legacy-mirror/llama3.1", "logs/legacy.json", "log_formats_legacy-2024-10.json"],
      ["openai/gpt-4o", "logs/mmlu.eval", "mmlu-summary-choices.eval"],
    ];
    for (const [model, path, fixture] of cases) {
      const [row] = await results(model);
      expect(row?.badges.logChecked, model).toBe(true);
      expect(row?.evidence).toEqual({ path, status: "log-checked", detail: "log headline accuracy=0 agrees with claimed 0", sha256: sha256(log(fixture)) });
    }
    const [gemma] = await results("google/gemma3");
    expect(gemma?.evidence).toMatchObject({ status: "log-checked", detail: "log headline accuracy=1 agrees with claimed 100; log reports a fraction, entry a percentage" });
  });

  it("a claimed value the log does not back is a mismatch that says exactly what differs", async () => {
    const [row] = await results("meta-llama/Meta-Llama-3-1-405B-Instruct-jqf");
    expect(row?.badges.logChecked).toBe(false);
    expect(row?.evidence).toMatchObject({ status: "mismatch", detail: "log headline accuracy=0.75 ≠ claimed 0.412" });
    const [, wrongHash] = await results("broken-mirror/llama3.1");
    expect(wrongHash?.evidence?.status).toBe("mismatch");
    expect(wrongHash?.evidence?.detail).toMatch(/^log SHA-256 [0-9a-f]{12}… ≠ evidence\.sha256 000000000000…$/);
  });

  it("a cancelled run, a log without scores and a missing file are unusable as evidence", async () => {
    const [cancelled, unscored] = await results("openai/gpt-4o-mini");
    expect(cancelled?.evidence).toMatchObject({ status: "unusable", detail: "the run was cancelled (status cancelled); only a successful run counts as evidence" });
    expect(unscored?.evidence).toMatchObject({ status: "unusable", detail: "the log has no scores" });
    const [missing] = await results("broken-mirror/llama3.1");
    expect(missing?.evidence).toMatchObject({ status: "unusable", sha256: null });
    expect(missing?.evidence?.detail).toMatch(/^logs\/missing\.eval is not a file at commit [0-9a-f]{12}$/);
  });

  it("leaderboard rows carry logChecked, and intervals from the log's standard error", async () => {
    const rows = await trustBoard(POPULARITY);
    const by = new Map(rows.map((r) => [r.modelId, r]));
    expect(by.get("meta-llama/llama3.1")).toMatchObject({ logChecked: true, ci95: [0, 0] });
    expect(by.get("legacy-mirror/llama3.1")?.logChecked).toBe(true);
    expect(by.get("meta-llama/Meta-Llama-3-1-405B-Instruct-jqf")).not.toHaveProperty("logChecked");
    expect(by.get("meta-llama/Meta-Llama-3-1-405B-Instruct-jqf")).not.toHaveProperty("ci95");
    expect(by.get("openai/gpt-4o-mini")).not.toHaveProperty("logChecked");
  });

  it("the two SWE-bench Verified entries of MiniMax-M2.5 (75.8 and 80.2) open a conflict", async () => {
    const list = await conflicts(SWE);
    expect(list.map((c) => c.modelId)).toEqual(["MiniMaxAI/MiniMax-M2.5"]);
    const [c] = list;
    expect(c?.task_id).toBe(SWE_TASK);
    expect(c?.entries.map((e) => [e.value, e.notes, e.source?.url])).toEqual([
      [75.8, "high reasoning, official", "https://www.swebench.com/"],
      [80.2, "MiniMax reported number", "https://huggingface.co/MiniMaxAI/MiniMax-M2.5/"],
    ]);
    expect(c?.difference).toEqual({ absolute: 4.4, tolerance: 1.604, rule: "relative-2%" });
    expect(c?.fields.map((f) => f.field)).toEqual(["notes", "source.name", "source.url"]);
    expect(await conflicts(SWE, `task_id=${encodeURIComponent(SWE_TASK)}`)).toEqual(list);

    const row = (await trustBoard(SWE)).find((r) => r.modelId === "MiniMaxAI/MiniMax-M2.5");
    expect(row).toMatchObject({ value: 80.2, conflict: true, conflictWith: [{ value: 75.8, ref: "refs/heads/main", filename: ".eval_results/swe_bench_verified.yaml" }] });
    const entries = await results("MiniMaxAI/MiniMax-M2.5");
    expect(entries.map((e) => [e.value, e.badges.conflict, e.conflictWith?.map((w) => w.value)])).toEqual([[75.8, true, [80.2]], [80.2, true, [75.8]]]);
  });

  it("equal values, a difference within tolerance, or one explained by setup open no conflict", async () => {
    const rows = await trustBoard(SWE);
    for (const model of ["alice/effort-model", "alice/equal-model", "alice/tools-on"]) {
      expect(rows.find((r) => r.modelId === model), model).not.toHaveProperty("conflict");
    }
    expect((await results("alice/effort-model")).map((e) => e.badges.conflict)).toEqual([false, false]);
  });

  it("private models' conflicts are seen only by those who may read them", async () => {
    expect((await conflicts(SWE, "", alice)).map((c) => c.modelId).sort()).toEqual(["MiniMaxAI/MiniMax-M2.5", "alice/private-model"]);
    expect((await conflicts(SWE, "", bob)).map((c) => c.modelId)).toEqual(["MiniMaxAI/MiniMax-M2.5"]);
    expect((await errorOf(await call(getHub(), "GET", `/api/datasets/${SWE}/conflicts?task_id=nope`))).code).toBe("TaskNotFound");
    await createRepoAs(getHub(), alice, "alice/plain-data", { kind: "dataset" });
    expect((await errorOf(await call(getHub(), "GET", "/api/datasets/alice/plain-data/conflicts"))).code).toBe("NotABenchmark");
  });

  it("filters by setup, and gives 95% intervals with statistical ties", async () => {
    const ids = async (query: string) => (await trustBoard(SWE, query)).map((r) => r.modelId);
    expect(await ids("setup.tools=true")).toEqual(["alice/tools-on", "alice/stderr-model"]);
    expect(await ids("setup.tools=false")).toEqual(["alice/tools-off"]);
    expect(await ids("setup.n_shot=0")).toEqual(["alice/tools-on"]);
    expect(await ids("setup.reasoning_effort=HIGH")).toEqual(["alice/effort-model"]);
    expect(await ids("setup.tools=true&setup.n_shot=5")).toEqual([]);
    const bad = await errorOf(await call(getHub(), "GET", `/api/datasets/${SWE}/leaderboard?setup.n_shot=five`));
    expect([bad.status, bad.error]).toEqual([400, 'setup.n_shot must be an integer, got "five"']);

    const rows = await trustBoard(SWE);
    expect(rows.map((r) => r.modelId).slice(2)).toEqual(["alice/tools-on", "alice/tools-off", "alice/equal-model", "alice/stderr-model"]);
    const by = new Map(rows.map((r) => [r.modelId, r]));
    expect(by.get("alice/tools-on")).toMatchObject({ ci95: [65.9832, 74.0168], setup: { tools: true, n_shot: 0, samples: 500 } });
    expect(by.get("alice/tools-on")).not.toHaveProperty("tiedWithPrevious");
    expect(by.get("alice/tools-off")).toMatchObject({ ci95: [63.9112, 72.0888], tiedWithPrevious: true });
    expect(by.get("alice/stderr-model")).toMatchObject({ ci95: [48.04, 51.96] });
    expect(by.get("alice/stderr-model")).not.toHaveProperty("tiedWithPrevious");
    expect(by.get("MiniMaxAI/MiniMax-M2.5")).not.toHaveProperty("ci95");
    // The row before a page counts for the tie of its first row.
    expect(await trustBoard(SWE, "offset=3&limit=1")).toMatchObject([{ modelId: "alice/tools-off", tiedWithPrevious: true }]);
  });

  it("a setup that explains the difference closes the conflict; a task's metric re-judges evidence", async () => {
    const hub = getHub();
    const explained = MINIMAX_FILE.toString("utf8").replace("  notes: high reasoning, official\n", "  notes: high reasoning, official\n  setup:\n    reasoning_effort: high\n")
      .replace("  notes: MiniMax reported number\n", "  notes: MiniMax reported number\n  setup:\n    reasoning_effort: xhigh\n");
    await commitTo(hub, alice, "MiniMaxAI/MiniMax-M2.5", { ".eval_results/swe_bench_verified.yaml": explained });
    expect(await conflicts(SWE)).toEqual([]);
    expect((await results("MiniMaxAI/MiniMax-M2.5")).map((e) => [e.badges.conflict, e.setup])).toEqual([[false, { reasoning_effort: "high" }], [false, { reasoning_effort: "xhigh" }]]);

    await commitTo(hub, alice, MMLU, { "eval.yaml": INSPECT_YAML("mmlu_0_shot", "    metric: f1\n") }, { kind: "dataset" });
    const [row] = await results("openai/gpt-4o");
    expect(row?.evidence).toMatchObject({ status: "mismatch", detail: "log has no metric f1; available: choice/accuracy, choice/stderr" });
  });
});
