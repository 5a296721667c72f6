import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { getJson } from "../support/results-hub.ts";
import { runCommand } from "../support/run-command.ts";

// Python huggingface_hub 2.0.0's eval-results API against a started hub: get_dataset_leaderboard, model_info
// with expand=["evalResults"], community scores by upload_file(create_pr=True), closing and merging them, and hiding.

const SCRIPT = resolve("test/clients/python/results.py");

interface PyRow {
  rank: number;
  model_id: string;
  value: number;
  verified: boolean;
  filename: string;
  pull_request: number | null;
  notes: string | null;
  source: { url: string; name?: string; isExternal: boolean } | null;
  author: string;
  author_type: string;
  community: boolean;
  task_id: string;
  lower_is_better: boolean;
}

interface PyEvals {
  entries: { dataset_id: string; task_id: string; value: number; date: string | null; source_url: string | null; source_name: string | null; notes: string | null }[];
  wrappers: { filename: string; verified: boolean; pullRequest?: number }[];
}

interface LedgerRecord {
  action: string;
  reason: string;
  actor: string;
  at: string;
  model: string;
  ref: string;
  filePath: string;
  datasetKey: string;
  taskId: string;
  value: number;
  hiddenNow: boolean;
}

describeEachDialectWithHub("huggingface_hub's eval results against evalhub", (getHub) => {
  let scratch = "";
  let seen: Record<string, unknown> = {};
  let started = "";
  let finished = "";
  beforeAll(async () => {
    const hub = getHub();
    const owner = await hub.createUser("pyowner");
    const contributor = await hub.createUser("pycontrib");
    scratch = await mkdtemp(join(tmpdir(), "evalhub-py-results-"));
    const env = {
      ...process.env, HF_ENDPOINT: hub.url, HF_TOKEN: "", OWNER_TOKEN: owner, CONTRIB_TOKEN: contributor, ADMIN_TOKEN: hub.adminToken,
      HF_HOME: join(scratch, "hf-home"), HF_HUB_DISABLE_TELEMETRY: "1", HF_HUB_DISABLE_XET: "1", NO_COLOR: "1",
    };
    const { python } = inject("pythonClient");
    started = new Date().toISOString();
    const { stdout } = await runCommand(python, [SCRIPT], { env });
    finished = new Date().toISOString();
    seen = JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as Record<string, unknown>;
  }, 180_000);
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  const rows = (step: string) => seen[step] as PyRow[];
  const pairs = (step: string) => rows(step).map((r) => [r.model_id, r.value, r.pull_request]);
  const evals = (step: string) => seen[step] as PyEvals;

  const modelA: PyRow = {
    rank: 1, model_id: "pyowner/model-a", value: 70, verified: false, filename: ".eval_results/py-bench.yaml", pull_request: null, notes: "greedy",
    source: { url: "https://example.org/logs/a", name: "Logs", isExternal: true }, author: "pyowner", author_type: "User", community: false, task_id: "score", lower_is_better: false,
  };
  const modelB: PyRow = { ...modelA, rank: 2, model_id: "pyowner/model-b", value: 60, notes: null, source: null };

  it("get_dataset_leaderboard returns the ranked rows with every field; the fine-tune only with base_model_only=False", () => {
    expect(rows("initial")).toEqual([modelA, modelB]);
    expect(seen.base_only_explicit).toEqual([["pyowner/model-a", 70], ["pyowner/model-b", 60]]);
    // The fine-tune's README declares base_model: pyowner/model-a.
    expect(seen.all_models).toEqual([["pyowner/finetune", 90], ["pyowner/model-a", 70], ["pyowner/model-b", 60]]);
  });

  it("model_info(expand=['evalResults']) returns the entries as written, in HF's wrapper", () => {
    expect(evals("evals_a")).toEqual({
      entries: [{ dataset_id: "pyowner/py-bench", task_id: "score", value: 70, date: "2026-01-10", source_url: "https://example.org/logs/a", source_name: "Logs", notes: "greedy" }],
      wrappers: [{ filename: ".eval_results/py-bench.yaml", verified: false }],
    });
  });

  it("list_datasets(benchmark=True) lists the benchmark once a site admin flagged it official", () => {
    expect(seen.official_before).toEqual([]);
    expect(seen.official_after).toEqual(["pyowner/py-bench"]);
    expect(seen.official_str).toEqual(["pyowner/py-bench"]);
  });

  it("a community score opened with upload_file(create_pr=True) is on the leaderboard in the very next request, labelled", () => {
    expect(seen.pr1).toBe(1);
    expect(rows("with_pr1")).toEqual([
      { ...modelB, rank: 1, value: 80, filename: ".eval_results/community.yaml", pull_request: 1, notes: "community run", community: true },
      { ...modelA, rank: 2 },
    ]);
    expect(seen.with_pr1_raw).toEqual([
      { modelId: "pyowner/model-b", value: 80, pullRequest: 1, community: true },
      { modelId: "pyowner/model-a", value: 70, pullRequest: null, community: false },
    ]);
    // On the model page: main's 60 and the pull request's 80, which carries its number.
    const { entries, wrappers } = evals("evals_b_with_pr1");
    expect(entries.map((e) => [e.value, e.date, e.notes])).toEqual(expect.arrayContaining([[60, "2026-01-11", null], [80, "2026-02-01", "community run"]]));
    expect(wrappers).toEqual(expect.arrayContaining([
      { filename: ".eval_results/py-bench.yaml", verified: false },
      { filename: ".eval_results/community.yaml", verified: false, pullRequest: 1 },
    ]));
  });

  it("change_discussion_status(…, 'closed') removes it", () => {
    expect(seen.closed_status).toBe("closed");
    expect(rows("after_close")).toEqual([modelA, modelB]);
    expect(evals("evals_b_after_close")).toEqual({
      entries: [{ dataset_id: "pyowner/py-bench", task_id: "score", value: 60, date: "2026-01-11", source_url: null, source_name: null, notes: null }],
      wrappers: [{ filename: ".eval_results/py-bench.yaml", verified: false }],
    });
  });

  it("a second pull request merged with merge_pull_request becomes a main result, without pullRequest", () => {
    expect(seen.pr2).toBe(2);
    expect(pairs("with_pr2")).toEqual([["pyowner/model-b", 75, 2], ["pyowner/model-a", 70, null]]);
    expect(rows("with_pr2")[0]!.community).toBe(true);
    const merged = { ...modelB, rank: 1, value: 75, filename: ".eval_results/community.yaml", notes: "second run" };
    expect(rows("after_merge")).toEqual([merged, { ...modelA, rank: 2 }]);
    expect(seen.after_merge_raw).toEqual([
      { modelId: "pyowner/model-b", value: 75, pullRequest: null, community: false },
      { modelId: "pyowner/model-a", value: 70, pullRequest: null, community: false },
    ]);
    expect(evals("evals_b_after_merge")).toEqual({
      entries: [
        { dataset_id: "pyowner/py-bench", task_id: "score", value: 75, date: "2026-02-02", source_url: null, source_name: null, notes: "second run" },
        { dataset_id: "pyowner/py-bench", task_id: "score", value: 60, date: "2026-01-11", source_url: null, source_name: null, notes: null },
      ],
      wrappers: [{ filename: ".eval_results/community.yaml", verified: false }, { filename: ".eval_results/py-bench.yaml", verified: false }],
    });
  });

  it("hiding takes it off the leaderboard and out of model_info; unhiding brings it back", () => {
    expect(seen.hide_key).toEqual({ ref: "refs/heads/main", filename: ".eval_results/community.yaml" });
    expect(seen.hidden_record).toMatchObject({ action: "hide", actor: "pyowner", reason: "Score could not be reproduced", hiddenNow: true, value: 75 });
    expect(rows("after_hide")).toEqual([modelA, modelB]);
    expect(evals("evals_b_after_hide").wrappers).toEqual([{ filename: ".eval_results/py-bench.yaml", verified: false }]);
    expect(seen.unhidden_record).toMatchObject({ action: "unhide", actor: "pyowner", reason: "Reproduced after all", hiddenNow: false });
    expect(pairs("after_unhide")).toEqual([["pyowner/model-b", 75, null], ["pyowner/model-a", 70, null]]);
    expect(evals("evals_b_after_unhide")).toEqual(evals("evals_b_after_merge"));
  });

  it("the model's and the benchmark's moderation ledgers show who hid and unhid it, when and why, newest first", async () => {
    const expected = (action: string, reason: string) => ({
      action, reason, actor: "pyowner", model: "pyowner/model-b", ref: "refs/heads/main", filePath: ".eval_results/community.yaml",
      datasetKey: "pyowner/py-bench", taskId: "score", value: 75, hiddenNow: false,
    });
    for (const path of ["/api/models/pyowner/model-b/moderation", "/api/datasets/pyowner/py-bench/moderation"]) {
      const ledger = await getJson<LedgerRecord[]>(getHub(), path);
      expect(ledger).toEqual([
        expect.objectContaining(expected("unhide", "Reproduced after all")),
        expect.objectContaining(expected("hide", "Score could not be reproduced")),
      ]);
      for (const record of ledger) expect(record.at >= started && record.at <= finished).toBe(true);
      expect(ledger[1]!.at <= ledger[0]!.at).toBe(true);
    }
    // Nothing of it in another model's ledger.
    expect(await getJson(getHub(), "/api/models/pyowner/model-a/moderation")).toEqual([]);
  });
});
