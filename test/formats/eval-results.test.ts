import { describe, expect, it } from "vitest";
import { validateEvalResults } from "../../src/formats/eval-results.ts";
import { formatProblem } from "../../src/formats/problems.ts";

const entry = (extra: string) => `- dataset:\n    id: Idavidrein/gpqa\n    task_id: diamond\n${extra}`;
const check = (text: string) => validateEvalResults(text, { file: ".eval_results/gpqa.yaml" });
const codes = (text: string) => check(text).problems.map((p) => [p.path, p.code, p.severity, p.line, p.column]);

describe(".eval_results validation", () => {
  it("accepts a minimal entry", () => {
    const r = check(entry("  value: 0.412\n"));
    expect(r.problems).toEqual([]);
    expect(r.entries[0]?.entry).toEqual({ dataset: { id: "Idavidrein/gpqa", task_id: "diamond" }, value: 0.412 });
  });

  it.each([
    ["  value: .nan\n", "invalid-type"],
    ["  value: .inf\n", "invalid-type"],
    ["  value: -.inf\n", "invalid-type"],
    ['  value: "41.2"\n', "invalid-type"],
    ["  value: [1]\n", "invalid-type"],
  ])("refuses a value that is not a finite number: %s", (value, code) => {
    expect(codes(entry(value))).toEqual([["[0].value", code, "error", 4, 10]]);
  });

  it("requires a value", () => {
    expect(codes(entry(""))).toEqual([["[0].value", "missing-field", "error", 1, 3]]);
  });

  it.each([
    ["date: 2026-05-23", "2026-05-23"],
    ['date: "2026-05-23"', "2026-05-23"],
    ["date: '2026-01-15T10:30:00Z'", "2026-01-15T10:30:00Z"],
    ["date: 2026-01-15 10:30:00", "2026-01-15T10:30:00Z"],
    ['date: "2026-01-15T12:30:00+02:00"', "2026-01-15T10:30:00Z"],
    ["date: 2026-01-15T10:30:00.250Z", "2026-01-15T10:30:00.250Z"],
  ])("normalises %s to ISO 8601", (line, iso) => {
    const r = check(entry(`  value: 1\n  ${line}\n`));
    expect(r.problems).toEqual([]);
    expect(r.entries[0]?.entry?.date).toBe(iso);
  });

  it.each(["date: 2026-02-30", "date: 15/01/2026", "date: yesterday", "date: 2026-13-01", "date: 20260115"])("refuses %s", (line) => {
    const r = check(entry(`  value: 1\n  ${line}\n`));
    expect(r.entries[0]?.entry).toBeNull();
    expect(r.problems.map((p) => [p.path, p.line])).toEqual([["[0].date", 5]]);
  });

  it("requires source.url when source is present, and only http(s)", () => {
    expect(codes(entry("  value: 1\n  source:\n    name: Model card\n"))).toEqual([["[0].source.url", "missing-field", "error", 6, 5]]);
    const js = check(entry("  value: 1\n  source:\n    url: javascript:alert(1)\n"));
    expect(js.problems.map((p) => [p.path, p.message])).toEqual([["[0].source.url", "must be an http(s) URL"]]);
    expect(check(entry("  value: 1\n  source:\n    url: https://arxiv.org/abs/2508.10925\n")).problems).toEqual([]);
  });

  it("warns on unknown keys without rejecting, with a hint", () => {
    const r = check(entry("  value: 1\n  verify_token: abc\n  dataset_extra: 1\n"));
    expect(r.entries[0]?.entry).not.toBeNull();
    expect(r.problems.map((p) => [p.path, p.severity, p.line, p.column])).toEqual([
      ["[0].verify_token", "warning", 5, 3],
      ["[0].dataset_extra", "warning", 6, 3],
    ]);
    expect(r.problems[0]?.message).toContain("verifyToken");
  });

  it("reads a single mapping as one entry, with a warning", () => {
    const r = check("dataset:\n  id: cais/hle\n  task_id: hle\nvalue: 20.9\n");
    expect(r.entries).toHaveLength(1);
    expect(r.entries[0]?.entry?.value).toBe(20.9);
    expect(r.problems.map((p) => [p.code, p.severity])).toEqual([["single-mapping", "warning"]]);
  });

  it("keeps good entries when another is broken", () => {
    const r = check(`${entry("  value: 1\n")}- dataset:\n    id: cais/hle\n  value: 2\n`);
    expect(r.entries.map((e) => e.entry !== null)).toEqual([true, false]);
    expect(r.problems.map((p) => p.path)).toEqual(["[1].dataset.task_id"]);
  });

  it("rejects duplicate keys and YAML syntax errors with a position", () => {
    expect(codes("- dataset:\n    id: a/b\n    id: c/d\n    task_id: x\n  value: 1\n")).toEqual([["", "duplicate-key", "error", 3, 5]]);
    const bad = check("- dataset: [\n");
    expect(bad.problems[0]?.code).toBe("yaml-syntax");
    expect(bad.problems[0]?.line).toBeGreaterThanOrEqual(1);
  });

  it("refuses an empty document and a scalar", () => {
    expect(codes("")).toEqual([["", "invalid-type", "error", 1, 1]]);
    expect(codes("42\n")).toEqual([["", "invalid-type", "error", 1, 1]]);
  });

  it("renders problems as file:line:column", () => {
    const [p] = check(entry('  value: "high"\n')).problems;
    expect(formatProblem(p!)).toBe(".eval_results/gpqa.yaml:4:10 ✖ Invalid input → at [0].value: expected a number, received string");
  });
});
