import { describe, expect, it } from "vitest";
import { findConflicts, type ConflictEntry } from "../../../src/hub/trust/conflicts.ts";
import { ci95, overlaps } from "../../../src/hub/trust/uncertainty.ts";

let serial = 0;
function entry(value: number, over: Partial<ConflictEntry> & { setup?: Record<string, unknown>; notes?: string } = {}): ConflictEntry {
  const { setup, notes, ...rest } = over;
  serial += 1;
  return {
    repoId: 1, model: "acme/m", datasetId: "SWE-bench/SWE-bench_Verified", datasetKey: "swe-bench/swe-bench_verified", taskId: "swe_bench_%_resolved",
    ref: "refs/heads/main", pullRequest: null, filename: ".eval_results/swe.yaml", entryIndex: serial, contentHash: `hash${serial}`, commit: "c", value, stderr: null,
    data: { dataset: { id: "SWE-bench/SWE-bench_Verified", task_id: "swe_bench_%_resolved" }, value, ...(setup ? { setup } : {}), ...(notes ? { notes } : {}) },
    ...rest,
  };
}

describe("conflicts", () => {
  it("two values more than 2% apart conflict, with the fields that differ", () => {
    const [conflict, ...more] = findConflicts([entry(75.8, { notes: "high reasoning, official" }), entry(80.2, { notes: "MiniMax reported number" })]);
    expect(more).toEqual([]);
    expect(conflict?.difference).toEqual({ absolute: 4.4, tolerance: 1.604, rule: "relative-2%" });
    expect(conflict?.fields).toEqual([{ field: "notes", values: ["high reasoning, official", "MiniMax reported number"] }]);
  });

  it("values within 2% of the larger, or equal, do not", () => {
    expect(findConflicts([entry(70), entry(71.4)])).toEqual([]);
    expect(findConflicts([entry(70, { notes: "a" }), entry(70, { notes: "b" })])).toEqual([]);
  });

  it("with both standard errors known, the bound is 1.96·sqrt(se1² + se2²)", () => {
    const [c] = findConflicts([entry(70, { stderr: 0.3 }), entry(71.2, { stderr: 0.3 })]);
    expect(c?.difference).toEqual({ absolute: 1.2, tolerance: 0.831558, rule: "stderr-1.96" });
    expect(findConflicts([entry(70, { stderr: 2 }), entry(74, { stderr: 2 })])).toEqual([]);
  });

  it("a setup field both entries state differently explains the difference; one-sided or equal ones do not", () => {
    expect(findConflicts([entry(75.8, { setup: { reasoning_effort: "high" } }), entry(80.2, { setup: { reasoning_effort: "xhigh" } })])).toEqual([]);
    expect(findConflicts([entry(60, { setup: { tools: false } }), entry(70, { setup: { tools: true } })])).toEqual([]);
    expect(findConflicts([entry(60, { setup: { tools: true } }), entry(70)])).toHaveLength(1);
    expect(findConflicts([entry(60, { setup: { n_shot: 5, stderr: 1 } }), entry(70, { setup: { n_shot: 5, stderr: 2 } })])).toHaveLength(1);
  });

  it("the same entry on main and in a pull request counts once; different models and tasks never meet", () => {
    const main = entry(75.8);
    const copy = { ...main, ref: "refs/pr/1", pullRequest: 1 };
    expect(findConflicts([main, copy])).toEqual([]);
    expect(findConflicts([main, copy, entry(80.2, { ref: "refs/pr/1", pullRequest: 1 })])).toHaveLength(1);
    expect(findConflicts([entry(10, { repoId: 1 }), entry(20, { repoId: 2 }), entry(30, { taskId: "other" })])).toEqual([]);
  });
});

describe("95% intervals", () => {
  it("from a standard error", () => {
    expect(ci95(50, { stderr: 1, samples: null, scale: null })).toEqual([48.04, 51.96]);
  });

  it("from samples with the binomial normal approximation, per the task's scale", () => {
    expect(ci95(70, { stderr: null, samples: 500, scale: "percent" })).toEqual([65.9832, 74.0168]);
    expect(ci95(0.7, { stderr: null, samples: 500, scale: "fraction" })).toEqual([0.659832, 0.740168]);
    expect(ci95(0.99, { stderr: null, samples: 10, scale: "fraction" })?.[1]).toBe(1);
    expect(ci95(70, { stderr: null, samples: 500, scale: null })).toBeNull();
  });

  it("overlap means tied", () => {
    expect(overlaps([65.98, 74.02], [63.9, 72.1])).toBe(true);
    expect(overlaps([48.04, 51.96], [63.9, 72.1])).toBe(false);
  });
});
