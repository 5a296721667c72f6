import { setTimeout as sleep } from "node:timers/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { describeEachDialectWithHub, type HubProcess } from "../support/hub-process.ts";
import { board, commitTo, errorOf, getJson, modelResults, ranking } from "../support/results-hub.ts";
import { call, createRepoAs } from "../support/write-api.ts";

// The rules of leaderboards, one small benchmark per rule, in user namespaces: as_of, direction, ties, one row
// per model, model size, visibility, changes of eval.yaml, the official flag and who may hide a result.

interface Entry {
  dataset: string;
  task: string;
  value: number;
  date?: string;
  notes?: string;
}

/** A results file as people write it. */
const resultsYaml = (...entries: Entry[]) =>
  entries
    .map((e) => [
      `- dataset:\n    id: ${e.dataset}\n    task_id: ${e.task}\n  value: ${e.value}\n`,
      e.date ? `  date: "${e.date}"\n` : "",
      e.notes ? `  notes: ${JSON.stringify(e.notes)}\n` : "",
    ].join(""))
    .join("");

/** An eval.yaml for a framework other than Inspect: tasks are ids (plus extra keys, given as YAML lines). */
const evalYaml = (name: string, framework: string, tasks: (string | { id: string; extra: string })[]) =>
  `name: ${name}\ndescription: ${name}, for the rules tests\nevaluation_framework: ${framework}\ntasks:\n` +
  tasks.map((t) => (typeof t === "string" ? `  - id: ${t}\n` : `  - id: ${t.id}\n${t.extra}`)).join("");

/** A safetensors file: 8-byte little-endian header length, the JSON header, then a few bytes (not the tensors: only the header is read). */
function safetensors(tensors: Record<string, number[]>): Buffer {
  const header: Record<string, unknown> = { __metadata__: { format: "pt" } };
  let offset = 0;
  for (const [name, shape] of Object.entries(tensors)) {
    const bytes = shape.reduce((a, d) => a * d, 1) * 2;
    header[name] = { dtype: "F16", shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  return Buffer.concat([length, json, Buffer.from([0, 0, 0, 0, 0, 0, 0, 0])]);
}

describeEachDialectWithHub("leaderboard rules", (getHub) => {
  let owner = "";
  let stranger = "";
  let admin = "";

  async function benchmark(id: string, yaml: string, options: { private?: boolean } = {}): Promise<string> {
    await createRepoAs(getHub(), owner, id, { kind: "dataset", private: options.private });
    return (await commitTo(getHub(), owner, id, { "eval.yaml": yaml }, { kind: "dataset", summary: "Add eval.yaml" })).commit;
  }

  /** A model of `rowner` with results files on main (and a README when given). */
  async function model(id: string, files: Record<string, string | Buffer>, options: { private?: boolean } = {}): Promise<void> {
    await createRepoAs(getHub(), owner, id, { private: options.private });
    await commitTo(getHub(), owner, id, files, { summary: "Add results" });
  }

  /** A community pull request, opened by the stranger. */
  const openPr = async (id: string, files: Record<string, string>) => (await commitTo(getHub(), stranger, id, files, { createPr: true, summary: "Add a community result" })).pr!;

  const status = (hub: HubProcess, id: string, num: number, to: "open" | "closed") => call(hub, "POST", `/api/models/${id}/discussions/${num}/status`, { token: owner, json: { status: to } });

  beforeAll(async () => {
    owner = await getHub().createUser("rowner");
    stranger = await getHub().createUser("rstranger");
    admin = getHub().adminToken;
  });

  describe("as_of", () => {
    let before = "";
    let after = "";
    let closedAt = "";
    beforeAll(async () => {
      const bench = "rowner/asof-bench";
      await benchmark(bench, evalYaml("As of", "math-arena", ["score"]));
      await model("rowner/asof-main", { ".eval_results/asof.yaml": resultsYaml({ dataset: bench, task: "score", value: 50, date: "2026-01-01" }) });
      await model("rowner/asof-pr", { "README.md": "# A model\n" });
      // Main's results count from their commit's time (whole seconds): let that be well before `before`.
      await sleep(1100);
      before = new Date().toISOString();
      await sleep(20);
      expect(await openPr("rowner/asof-pr", { ".eval_results/asof.yaml": resultsYaml({ dataset: bench, task: "score", value: 60 }) })).toBe(1);
      after = new Date().toISOString();
      await sleep(20);
    });

    it("a pull request opened after `as_of` is left out; one opened before is in, labelled", async () => {
      const hub = getHub();
      expect(await ranking(hub, "rowner/asof-bench", `as_of=${before}`)).toEqual([["rowner/asof-main", 50]]);
      expect(await ranking(hub, "rowner/asof-bench", `as_of=${after}`)).toEqual([["rowner/asof-pr", 60], ["rowner/asof-main", 50]]);
      expect(await ranking(hub, "rowner/asof-bench")).toEqual([["rowner/asof-pr", 60], ["rowner/asof-main", 50]]);
      expect(await ranking(hub, "rowner/asof-bench", "as_of=2000-01-01")).toEqual([]);
      const [pr] = await board(hub, "rowner/asof-bench", `as_of=${after}`);
      expect(pr).toMatchObject({ modelId: "rowner/asof-pr", pullRequest: 1, community: true, verified: false });
      const res = await call(hub, "GET", `/api/datasets/rowner/asof-bench/leaderboard?as_of=${before}`);
      expect(res.headers.get("x-total-count")).toBe("1");
    });

    it("closing the pull request removes it now, but not from the leaderboard as it was before", async () => {
      const hub = getHub();
      expect((await status(hub, "rowner/asof-pr", 1, "closed")).status).toBe(200);
      closedAt = new Date().toISOString();
      expect(await ranking(hub, "rowner/asof-bench")).toEqual([["rowner/asof-main", 50]]);
      expect(await ranking(hub, "rowner/asof-bench", `as_of=${after}`)).toEqual([["rowner/asof-pr", 60], ["rowner/asof-main", 50]]);
      expect(await ranking(hub, "rowner/asof-bench", `as_of=${closedAt}`)).toEqual([["rowner/asof-main", 50]]);
    });

    it("a date that is not ISO 8601 → 400 with X-Error-Code", async () => {
      expect(await errorOf(await call(getHub(), "GET", "/api/datasets/rowner/asof-bench/leaderboard?as_of=last-tuesday"))).toMatchObject({ status: 400, code: "BadRequest" });
    });
  });

  describe("what a pull request proposes", () => {
    const bench = "rowner/scope-bench";
    beforeAll(async () => {
      await benchmark(bench, evalYaml("Scope", "math-arena", ["score"]));
      await model("rowner/scope-model", {
        ".eval_results/a.yaml": resultsYaml({ dataset: bench, task: "score", value: 90 }),
        ".eval_results/b.yaml": resultsYaml({ dataset: bench, task: "score", value: 10 }, { dataset: bench, task: "score", value: 20 }),
      });
    });

    it("only entries the pull request adds or changes are community results; main's stay main's, and a hidden one stays hidden", async () => {
      const hub = getHub();
      const readmePr = await openPr("rowner/scope-model", { "README.md": "# only a README\n" });
      const changePr = await openPr("rowner/scope-model", {
        ".eval_results/b.yaml": resultsYaml({ dataset: bench, task: "score", value: 10 }, { dataset: bench, task: "score", value: 25 }),
      });
      const entries = await modelResults(hub, "rowner/scope-model");
      expect(entries.map((e) => [e.filename, e.pullRequest, e.value])).toEqual([
        [".eval_results/a.yaml", null, 90],
        [".eval_results/b.yaml", null, 10],
        [".eval_results/b.yaml", null, 20],
        [".eval_results/b.yaml", changePr, 25],
      ]);
      expect(readmePr).toBe(changePr - 1);
      const main90 = entries[0]!;
      const hide = await call(hub, "POST", "/api/models/rowner/scope-model/eval-results/hide", {
        token: owner, json: { ref: "refs/heads/main", filename: main90.filename, contentHash: main90.contentHash, reason: "disputed" },
      });
      expect(hide.status).toBe(200);
      expect(await ranking(hub, bench)).toEqual([["rowner/scope-model", 25]]);
    });
  });

  describe("an entry's default date", () => {
    const bench = "rowner/date-bench";
    beforeAll(async () => {
      await benchmark(bench, evalYaml("Dates", "math-arena", ["score"]));
      await model("rowner/date-first", { ".eval_results/d.yaml": resultsYaml({ dataset: bench, task: "score", value: 50 }) });
      await sleep(1100);
      await model("rowner/date-second", { ".eval_results/d.yaml": resultsYaml({ dataset: bench, task: "score", value: 50 }) });
    });

    it("is the time of the last commit that changed its file, so an unrelated commit changes no dates and no ties", async () => {
      const hub = getHub();
      expect(await ranking(hub, bench)).toEqual([["rowner/date-second", 50], ["rowner/date-first", 50]]);
      const [dated] = await modelResults(hub, "rowner/date-first");
      await sleep(1100);
      await commitTo(hub, owner, "rowner/date-first", { "README.md": "# unrelated\n" });
      expect((await modelResults(hub, "rowner/date-first"))[0]?.date).toBe(dated?.date);
      expect(await ranking(hub, bench)).toEqual([["rowner/date-second", 50], ["rowner/date-first", 50]]);
    });
  });

  describe("lower_is_better", () => {
    beforeAll(async () => {
      const bench = "rowner/lower-bench";
      // swe-bench is not inspect-ai, so a task may carry `lower_is_better`.
      await benchmark(bench, evalYaml("Lower", "swe-bench", ["resolved", { id: "cost", extra: "    lower_is_better: true\n" }]));
      const r = (task: string, value: number) => ({ dataset: bench, task, value });
      await model("rowner/lb-a", { ".eval_results/lower.yaml": resultsYaml(r("resolved", 40), r("cost", 2.5)) });
      await model("rowner/lb-b", { ".eval_results/lower.yaml": resultsYaml(r("resolved", 55), r("cost", 1.25), r("cost", 0.75)) });
      await model("rowner/lb-c", { ".eval_results/lower.yaml": resultsYaml(r("resolved", 30), r("cost", 4.0)) });
    });

    it("the first task ranks highest first; the lower_is_better task ranks lowest first, one row per model (its lowest)", async () => {
      const hub = getHub();
      expect(await ranking(hub, "rowner/lower-bench")).toEqual([["rowner/lb-b", 55], ["rowner/lb-a", 40], ["rowner/lb-c", 30]]);
      expect((await board(hub, "rowner/lower-bench")).map((r) => [r.task_id, r.lower_is_better])).toEqual([["resolved", false], ["resolved", false], ["resolved", false]]);
      expect(await ranking(hub, "rowner/lower-bench", "task_id=cost")).toEqual([["rowner/lb-b", 0.75], ["rowner/lb-a", 2.5], ["rowner/lb-c", 4.0]]);
      expect((await board(hub, "rowner/lower-bench", "task_id=cost")).map((r) => [r.task_id, r.lower_is_better])).toEqual([["cost", true], ["cost", true], ["cost", true]]);
      // as_of ranks the same way.
      expect(await ranking(hub, "rowner/lower-bench", "task_id=cost&as_of=2100-01-01")).toEqual([["rowner/lb-b", 0.75], ["rowner/lb-a", 2.5], ["rowner/lb-c", 4.0]]);
      const def = await getJson<{ valid: boolean; definition: { tasks: { id: string; fields: Record<string, unknown> }[] } }>(hub, "/api/datasets/rowner/lower-bench/benchmark");
      expect(def.valid).toBe(true);
      expect(def.definition.tasks.map((t) => [t.id, t.fields.lower_is_better])).toEqual([["resolved", undefined], ["cost", true]]);
    });
  });

  describe("ties and one row per model", () => {
    const bench = "rowner/tie-bench";
    const r = (value: number, date: string) => ({ dataset: bench, task: "score", value, date });
    beforeAll(async () => {
      await benchmark(bench, evalYaml("Ties", "math-arena", ["score"]));
      // 70: main beats a pull request, although the PR's date is newer and its model id sorts first.
      await model("rowner/zzz-main", { ".eval_results/t.yaml": resultsYaml(r(70, "2025-01-01")) });
      await model("rowner/aaa-pr", { "README.md": "# aaa\n" });
      await openPr("rowner/aaa-pr", { ".eval_results/t.yaml": resultsYaml(r(70, "2026-06-01")) });
      // 60: the newer date wins, although its model id sorts last.
      await model("rowner/aaa-old", { ".eval_results/t.yaml": resultsYaml(r(60, "2025-01-01")) });
      await model("rowner/zzz-new", { ".eval_results/t.yaml": resultsYaml(r(60, "2026-03-01")) });
      // 50: same date, so model id.
      await model("rowner/tie-b", { ".eval_results/t.yaml": resultsYaml(r(50, "2026-01-01")) });
      await model("rowner/tie-a", { ".eval_results/t.yaml": resultsYaml(r(50, "2026-01-01")) });
      // One model, main 80 and a PR at 80 with a newer date: one row, main's.
      await model("rowner/both", { ".eval_results/t.yaml": resultsYaml(r(80, "2026-01-01")) });
      await openPr("rowner/both", { ".eval_results/community.yaml": resultsYaml(r(80, "2026-06-01")) });
      // One model, main 75 and a PR at 85: one row, the PR's (the best value comes first).
      await model("rowner/better-pr", { ".eval_results/t.yaml": resultsYaml(r(75, "2026-01-01")) });
      await openPr("rowner/better-pr", { ".eval_results/community.yaml": resultsYaml(r(85, "2026-01-02")) });
      // One model, three entries in two files: one row, 45.
      await model("rowner/many", { ".eval_results/a.yaml": resultsYaml(r(40, "2026-01-01"), r(45, "2026-01-01")), ".eval_results/b.yaml": resultsYaml(r(42, "2026-01-01")) });
    });

    it("best value, then main before a pull request, then the newer date, then the model id; one row per model", async () => {
      const hub = getHub();
      const expected = [
        ["rowner/better-pr", 85],
        ["rowner/both", 80],
        ["rowner/zzz-main", 70],
        ["rowner/aaa-pr", 70],
        ["rowner/zzz-new", 60],
        ["rowner/aaa-old", 60],
        ["rowner/tie-a", 50],
        ["rowner/tie-b", 50],
        ["rowner/many", 45],
      ];
      expect(await ranking(hub, bench)).toEqual(expected);
      // The leaderboard as of now is computed from history, in memory: the same order.
      expect(await ranking(hub, bench, "as_of=2100-01-01")).toEqual(expected);
      const rows = await board(hub, bench);
      expect(rows.map((row) => [row.modelId, row.pullRequest ?? null, row.community, row.verified, row.filename, row.date])).toEqual([
        ["rowner/better-pr", 1, true, false, ".eval_results/community.yaml", "2026-01-02"],
        ["rowner/both", null, false, false, ".eval_results/t.yaml", "2026-01-01"],
        ["rowner/zzz-main", null, false, false, ".eval_results/t.yaml", "2025-01-01"],
        ["rowner/aaa-pr", 1, true, false, ".eval_results/t.yaml", "2026-06-01"],
        ["rowner/zzz-new", null, false, false, ".eval_results/t.yaml", "2026-03-01"],
        ["rowner/aaa-old", null, false, false, ".eval_results/t.yaml", "2025-01-01"],
        ["rowner/tie-a", null, false, false, ".eval_results/t.yaml", "2026-01-01"],
        ["rowner/tie-b", null, false, false, ".eval_results/t.yaml", "2026-01-01"],
        ["rowner/many", null, false, false, ".eval_results/a.yaml", "2026-01-01"],
      ]);
      const res = await call(hub, "GET", `/api/datasets/${bench}/leaderboard`);
      expect(res.headers.get("x-total-count")).toBe("9");
    });

    it("pages keep the ranks; include_community=false leaves pull requests out; verified_only leaves nothing (nothing is verified)", async () => {
      const hub = getHub();
      const res = await call(hub, "GET", `/api/datasets/${bench}/leaderboard?limit=3&offset=3`);
      expect(res.headers.get("x-total-count")).toBe("9");
      expect(res.headers.get("link")).toContain("offset=6");
      const page = (await res.json()) as { rank: number; modelId: string }[];
      expect(page.map((row) => [row.rank, row.modelId])).toEqual([[4, "rowner/aaa-pr"], [5, "rowner/zzz-new"], [6, "rowner/aaa-old"]]);
      expect(await ranking(hub, bench, "include_community=false")).toEqual([
        ["rowner/both", 80],
        ["rowner/better-pr", 75],
        ["rowner/zzz-main", 70],
        ["rowner/zzz-new", 60],
        ["rowner/aaa-old", 60],
        ["rowner/tie-a", 50],
        ["rowner/tie-b", 50],
        ["rowner/many", 45],
      ]);
      expect(await board(hub, bench, "verified_only=true")).toEqual([]);
    });
  });

  describe("max_params", () => {
    const bench = "rowner/size-bench";
    const r = (value: number) => resultsYaml({ dataset: bench, task: "score", value });
    beforeAll(async () => {
      await benchmark(bench, evalYaml("Sizes", "math-arena", ["score"]));
      // Two shards: 32000·4096 + 4096·32000 + 4096 = 262,148,096 parameters.
      await model("rowner/sharded", {
        "model-00001-of-00002.safetensors": safetensors({ "embed.weight": [32000, 4096] }),
        "model-00002-of-00002.safetensors": safetensors({ "lm_head.weight": [4096, 32000], "norm.weight": [4096] }),
        ".eval_results/s.yaml": r(40),
      });
      await model("rowner/card-7b", { "README.md": "---\nnum_parameters: 7000000000\n---\n# 7B\n", ".eval_results/s.yaml": r(60) });
      // The safetensors header (10·10 = 100) wins over the card's count.
      await model("rowner/header-wins", {
        "README.md": "---\nnum_parameters: 9000000000\n---\n",
        "model.safetensors": safetensors({ w: [10, 10] }),
        ".eval_results/s.yaml": r(50),
      });
      await model("rowner/unsized", { ".eval_results/s.yaml": r(80) });
    });

    it("num_parameters comes from safetensors headers, else the card; max_params keeps models of known size up to it", async () => {
      const hub = getHub();
      const rows = await board(hub, bench);
      expect(rows.map((row) => [row.modelId, row.value, row.num_parameters ?? null])).toEqual([
        ["rowner/unsized", 80, null],
        ["rowner/card-7b", 60, 7_000_000_000],
        ["rowner/header-wins", 50, 100],
        ["rowner/sharded", 40, 262_148_096],
      ]);
      expect(rows[0]).not.toHaveProperty("num_parameters");
      const ids = async (query: string) => (await ranking(hub, bench, query)).map(([id]) => id);
      expect(await ids("max_params=1B")).toEqual(["rowner/header-wins", "rowner/sharded"]);
      expect(await ids("max_params=6B")).toEqual(["rowner/header-wins", "rowner/sharded"]);
      expect(await ids("max_params=12B")).toEqual(["rowner/card-7b", "rowner/header-wins", "rowner/sharded"]);
      expect(await ids("max_params=500b")).toEqual(["rowner/card-7b", "rowner/header-wins", "rowner/sharded"]);
      expect(await ids("max_params=7000000000")).toEqual(["rowner/card-7b", "rowner/header-wins", "rowner/sharded"]);
      expect(await ids("max_params=6999999999")).toEqual(["rowner/header-wins", "rowner/sharded"]);
      expect(await ids("max_params=262148096")).toEqual(["rowner/header-wins", "rowner/sharded"]);
      expect(await ids("max_params=262148095")).toEqual(["rowner/header-wins"]);
      expect(await ids("max_params=99")).toEqual([]);
      expect(await ids("max_params=12B&as_of=2100-01-01")).toEqual(["rowner/card-7b", "rowner/header-wins", "rowner/sharded"]);
      expect(await errorOf(await call(hub, "GET", `/api/datasets/${bench}/leaderboard?max_params=huge`))).toMatchObject({ status: 400, code: "BadRequest" });
    });
  });

  describe("private repositories", () => {
    const bench = "rowner/vis-bench";
    beforeAll(async () => {
      await benchmark(bench, evalYaml("Visibility", "math-arena", ["score"]));
      await model("rowner/secret-model", { ".eval_results/v.yaml": resultsYaml({ dataset: bench, task: "score", value: 99 }) }, { private: true });
      await model("rowner/open-model", { ".eval_results/v.yaml": resultsYaml({ dataset: bench, task: "score", value: 10 }) });
      await benchmark("rowner/private-bench", evalYaml("Private", "math-arena", ["score"]), { private: true });
      await model("rowner/on-private", { ".eval_results/p.yaml": resultsYaml({ dataset: "rowner/private-bench", task: "score", value: 33 }) }, { private: true });
      // A public model's result does not count on a private benchmark: it would show anyone that the benchmark exists.
      await model("rowner/public-on-private", { ".eval_results/p.yaml": resultsYaml({ dataset: "rowner/private-bench", task: "score", value: 44 }) });
    });

    it("a private model's result is hidden from anonymous callers and strangers, shown to its owner and site admins", async () => {
      const hub = getHub();
      const open: [string, number][] = [["rowner/open-model", 10]];
      const all: [string, number][] = [["rowner/secret-model", 99], ["rowner/open-model", 10]];
      expect(await ranking(hub, bench)).toEqual(open);
      expect(await ranking(hub, bench, "", stranger)).toEqual(open);
      expect(await ranking(hub, bench, "", owner)).toEqual(all);
      expect(await ranking(hub, bench, "", admin)).toEqual(all);
      expect(await ranking(hub, bench, "as_of=2100-01-01")).toEqual(open);
      expect(await ranking(hub, bench, "as_of=2100-01-01", owner)).toEqual(all);
      const res = await call(hub, "GET", `/api/datasets/${bench}/leaderboard`);
      expect(res.headers.get("x-total-count")).toBe("1");
      expect(await errorOf(await call(hub, "GET", "/api/models/rowner/secret-model/eval-results"))).toMatchObject({ status: 404, code: "RepoNotFound" });
      expect(await errorOf(await call(hub, "GET", "/api/models/rowner/secret-model/eval-results", { token: stranger }))).toMatchObject({ status: 404, code: "RepoNotFound" });
      expect((await modelResults(hub, "rowner/secret-model", owner)).map((e) => [e.value, e.status])).toEqual([[99, "valid"]]);
    });

    it("a private benchmark's leaderboard is not found for others, and ranks only its owner's private models", async () => {
      const hub = getHub();
      expect(await errorOf(await call(hub, "GET", "/api/datasets/rowner/private-bench/leaderboard"))).toMatchObject({ status: 404, code: "RepoNotFound" });
      expect(await errorOf(await call(hub, "GET", "/api/datasets/rowner/private-bench/leaderboard", { token: stranger }))).toMatchObject({ status: 404, code: "RepoNotFound" });
      expect(await ranking(hub, "rowner/private-bench", "", owner)).toEqual([["rowner/on-private", 33]]);
      expect((await modelResults(hub, "rowner/public-on-private")).map((e) => [e.value, e.status])).toEqual([[44, "unknown-benchmark"]]);
    });
  });

  describe("changes of the benchmark", () => {
    const bench = "rowner/evolving";
    let first = "";
    let broken = "";
    beforeAll(async () => {
      first = await benchmark(bench, evalYaml("Evolving", "math-arena", ["alpha", "beta"]));
      await model("rowner/evo-model", { ".eval_results/evo.yaml": resultsYaml({ dataset: bench, task: "alpha", value: 10 }, { dataset: bench, task: "beta", value: 20 }) });
    });

    const statuses = async () => (await modelResults(getHub(), "rowner/evo-model")).map((e) => [e.taskId, e.status, e.reasons, e.suggestions]);

    it("an invalid eval.yaml keeps the previous task list: the leaderboard is still served, GET …/benchmark says valid:false with problems", async () => {
      const hub = getHub();
      const yaml = "name: Evolving\ndescription: now broken\nevaluation_framework: not-a-framework\ntasks:\n  - id: gamma\n";
      broken = (await commitTo(hub, owner, bench, { "eval.yaml": yaml }, { kind: "dataset" })).commit;
      const def = await getJson<{ valid: boolean; commit: string; definitionCommit: string; problems: { line: number; column: number; path: string; severity: string }[]; definition: { tasks: { id: string }[] } }>(
        hub, `/api/datasets/${bench}/benchmark`,
      );
      expect(def).toMatchObject({ valid: false, commit: broken, definitionCommit: first });
      expect(def.definition.tasks.map((t) => t.id)).toEqual(["alpha", "beta"]);
      // `not-a-framework` starts at line 3, column 23 (after "evaluation_framework: ").
      expect(def.problems).toEqual([expect.objectContaining({ line: 3, column: 23, path: "evaluation_framework", severity: "error" })]);
      expect(await ranking(hub, bench)).toEqual([["rowner/evo-model", 10]]);
      expect(await ranking(hub, bench, "task_id=beta")).toEqual([["rowner/evo-model", 20]]);
      expect(await errorOf(await call(hub, "GET", `/api/datasets/${bench}/leaderboard?task_id=gamma`))).toMatchObject({ status: 404, code: "TaskNotFound" });
      expect(await statuses()).toEqual([["alpha", "valid", [], []], ["beta", "valid", [], []]]);
    });

    it("removing a task re-classifies its results as unknown-task", async () => {
      const hub = getHub();
      const fixed = (await commitTo(hub, owner, bench, { "eval.yaml": evalYaml("Evolving", "math-arena", ["alpha"]) }, { kind: "dataset" })).commit;
      const def = await getJson<{ valid: boolean; definitionCommit: string; problems: unknown[] }>(hub, `/api/datasets/${bench}/benchmark`);
      expect(def).toMatchObject({ valid: true, definitionCommit: fixed, problems: [] });
      expect(await statuses()).toEqual([
        ["alpha", "valid", [], []],
        ["beta", "unknown-task", ["`beta` is not a task of `rowner/evolving`; its tasks are `alpha`"], []],
      ]);
      expect(await errorOf(await call(hub, "GET", `/api/datasets/${bench}/leaderboard?task_id=beta`))).toMatchObject({ status: 404, code: "TaskNotFound" });
      expect(await ranking(hub, bench)).toEqual([["rowner/evo-model", 10]]);
    });

    it("deleting the benchmark dataset makes its results unknown-benchmark; creating it again brings them back", async () => {
      const hub = getHub();
      const del = await call(hub, "DELETE", "/api/repos/delete", { token: owner, json: { name: "evolving", type: "dataset" } });
      expect(del.status, await del.clone().text()).toBe(200);
      const gone = ["`rowner/evolving` is not a benchmark on this hub"];
      expect(await statuses()).toEqual([["alpha", "unknown-benchmark", gone, []], ["beta", "unknown-benchmark", gone, []]]);
      expect(await errorOf(await call(hub, "GET", `/api/datasets/${bench}/leaderboard`))).toMatchObject({ status: 404, code: "RepoNotFound" });

      await benchmark(bench, evalYaml("Evolving again", "math-arena", ["alpha", "beta"]));
      expect(await statuses()).toEqual([["alpha", "valid", [], []], ["beta", "valid", [], []]]);
      expect(await ranking(hub, bench, "task_id=beta")).toEqual([["rowner/evo-model", 20]]);
    });
  });

  describe("official benchmarks", () => {
    beforeAll(async () => {
      await benchmark("rowner/official-bench", evalYaml("Official", "math-arena", ["score"]));
      await createRepoAs(getHub(), owner, "rowner/just-data", { kind: "dataset" });
    });

    const put = (id: string, token: string | undefined, json: unknown) => call(getHub(), "PUT", `/api/datasets/${id}/benchmark`, { token, json });
    const listed = async (filter: string) => (await getJson<{ id: string }[]>(getHub(), `/api/datasets?filter=${encodeURIComponent(filter)}&limit=1000`)).map((d) => d.id).sort();

    it("only a site admin flags a benchmark official; filter=benchmark:official lists it", async () => {
      expect(await listed("benchmark:official")).toEqual([]);
      expect(await errorOf(await put("rowner/official-bench", owner, { official: true }))).toMatchObject({ status: 403, code: "Forbidden" });
      expect(await errorOf(await put("rowner/official-bench", stranger, { official: true }))).toMatchObject({ status: 403, code: "Forbidden" });
      expect(await errorOf(await put("rowner/official-bench", undefined, { official: true }))).toMatchObject({ status: 401, code: "Unauthorized" });
      expect(await listed("benchmark:official")).toEqual([]);

      const ok = await put("rowner/official-bench", admin, { official: true });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ id: "rowner/official-bench", official: true });
      expect(await listed("benchmark:official")).toEqual(["rowner/official-bench"]);
      expect((await getJson<{ official: boolean }>(getHub(), "/api/datasets/rowner/official-bench/benchmark")).official).toBe(true);
      // Every benchmark (official or not), and no plain dataset, under filter=benchmark.
      const benchmarks = await listed("benchmark");
      expect(benchmarks).toEqual(expect.arrayContaining(["rowner/official-bench", "rowner/tie-bench", "rowner/size-bench"]));
      expect(benchmarks).not.toContain("rowner/just-data");

      expect(await errorOf(await put("rowner/just-data", admin, { official: true }))).toMatchObject({ status: 404, code: "NotABenchmark" });
      expect(await errorOf(await put("rowner/official-bench", admin, { official: "yes" }))).toMatchObject({ status: 400 });

      expect((await put("rowner/official-bench", admin, { official: false })).status).toBe(200);
      expect(await listed("benchmark:official")).toEqual([]);
    });
  });

  describe("who may hide a result", () => {
    const bench = "rowner/mod-bench";
    let key = { ref: "", filename: "", contentHash: "" };
    beforeAll(async () => {
      await benchmark(bench, evalYaml("Moderated", "math-arena", ["score"]));
      await model("rowner/mod-model", { ".eval_results/m.yaml": resultsYaml({ dataset: bench, task: "score", value: 64 }) });
      const [entry] = await modelResults(getHub(), "rowner/mod-model");
      key = { ref: entry!.ref, filename: entry!.filename, contentHash: entry!.contentHash };
    });

    const act = (action: "hide" | "unhide", token: string | undefined, body: Record<string, unknown>) => call(getHub(), "POST", `/api/models/rowner/mod-model/eval-results/${action}`, { token, json: body });

    it("anonymous → 401, a stranger → 403, each with X-Error-Code; the result stays", async () => {
      expect(key).toEqual({ ref: "refs/heads/main", filename: ".eval_results/m.yaml", contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(await errorOf(await act("hide", undefined, { ...key, reason: "spam" }))).toMatchObject({ status: 401, code: "Unauthorized" });
      expect(await errorOf(await act("hide", stranger, { ...key, reason: "spam" }))).toMatchObject({ status: 403, code: "Forbidden" });
      expect(await ranking(getHub(), bench)).toEqual([["rowner/mod-model", 64]]);
      expect(await getJson<unknown[]>(getHub(), "/api/models/rowner/mod-model/moderation")).toEqual([]);
    });

    it("the owner hides with a reason, once; then a stranger may not unhide; the owner does, once", async () => {
      const hub = getHub();
      expect(await errorOf(await act("hide", owner, { ...key, reason: "   " }))).toMatchObject({ status: 400, code: "ReasonRequired" });
      expect(await errorOf(await act("hide", owner, { ...key, contentHash: "0".repeat(64), reason: "x" }))).toMatchObject({ status: 404, code: "ResultNotFound" });
      expect(await errorOf(await act("hide", owner, { ...key, contentHash: "nothex", reason: "x" }))).toMatchObject({ status: 400 });
      expect((await act("hide", owner, { ...key, reason: "Not reproducible" })).status).toBe(200);
      expect(await errorOf(await act("hide", owner, { ...key, reason: "again" }))).toMatchObject({ status: 409, code: "AlreadyHidden" });
      expect(await board(hub, bench)).toEqual([]);
      // Writers still see it, marked; others do not.
      expect((await modelResults(hub, "rowner/mod-model", owner)).map((e) => e.badges.hidden)).toEqual([true]);
      expect(await modelResults(hub, "rowner/mod-model")).toEqual([]);

      expect(await errorOf(await act("unhide", stranger, { ...key, reason: "no" }))).toMatchObject({ status: 403, code: "Forbidden" });
      expect(await errorOf(await act("unhide", undefined, { ...key, reason: "no" }))).toMatchObject({ status: 401, code: "Unauthorized" });
      expect((await act("unhide", owner, { ...key, reason: "Reproduced" })).status).toBe(200);
      expect(await errorOf(await act("unhide", owner, { ...key, reason: "again" }))).toMatchObject({ status: 409, code: "NotHidden" });
      expect(await ranking(hub, bench)).toEqual([["rowner/mod-model", 64]]);
      const ledger = await getJson<{ action: string; actor: string; reason: string }[]>(hub, "/api/models/rowner/mod-model/moderation");
      expect(ledger.map((r) => [r.action, r.actor, r.reason])).toEqual([["unhide", "rowner", "Reproduced"], ["hide", "rowner", "Not reproducible"]]);
    });
  });
});
