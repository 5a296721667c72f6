import { describe, expect, it } from "vitest";
import { validateEvalYaml } from "../../src/formats/eval-yaml.ts";
import { formatProblem } from "../../src/formats/problems.ts";

const inspectTask = (extra = "") => `  - id: t1
    field_spec:
      input: question
      target: answer
    solvers:
      - name: generate
    scorers:
      - name: match
${extra}`;
const doc = (framework: string, tasks: string) => `name: Demo\ndescription: A demo benchmark\nevaluation_framework: ${framework}\ntasks:\n${tasks}`;
const problems = (text: string, frameworks?: string[]) =>
  validateEvalYaml(text, { frameworks }).problems.map((p) => [p.path, p.code, p.severity, p.line, p.column]);

describe("eval.yaml validation", () => {
  it("accepts an inspect-ai benchmark and applies task defaults", () => {
    const r = validateEvalYaml(doc("inspect-ai", inspectTask()));
    expect(r.problems).toEqual([]);
    expect(r.benchmark?.tasks).toEqual([expect.objectContaining({ id: "t1", config: "default", split: "test" })]);
  });

  it("rejects unknown keys inside an inspect-ai task, as Inspect does", () => {
    expect(problems(doc("inspect-ai", inspectTask("    temperature: 0.5\n")))).toEqual([["tasks[0].temperature", "unknown-key", "error", 13, 5]]);
  });

  it("checks solver and scorer names, epochs and the epoch reducer", () => {
    const text = doc("inspect-ai", `  - id: t1
    epochs: 0
    epoch_reducer: pass_at_k
    field_spec: {input: q}
    solvers:
      - name: think_hard
    scorers:
      - name: choice
`);
    expect(problems(text)).toEqual([
      ["tasks[0].epochs", "too-small", "error", 6, 13],
      ["tasks[0].epoch_reducer", "invalid-format", "error", 7, 20],
      ["tasks[0].solvers[0].name", "invalid-value", "error", 10, 15],
    ]);
  });

  it("requires field_spec, solvers and scorers for inspect-ai", () => {
    expect(problems(doc("inspect-ai", "  - id: t1\n"))).toEqual([
      ["tasks[0].field_spec", "missing-field", "error", 5, 5],
      ["tasks[0].solvers", "missing-field", "error", 5, 5],
      ["tasks[0].scorers", "missing-field", "error", 5, 5],
    ]);
  });

  it("lets other frameworks have only id, config and split, warning on extra keys", () => {
    // `metric` is now an evalhub task field (see evidence.test.ts); `metrics`, seen in third-party files, is not.
    const r = validateEvalYaml(doc("math-arena", "  - id: a\n    metrics: accuracy\n"));
    expect(r.benchmark?.tasks.map((t) => t.id)).toEqual(["a"]);
    expect(r.problems.map((p) => [p.path, p.severity])).toEqual([["tasks[0].metrics", "warning"]]);
  });

  it("rejects an unknown framework with a suggestion, and honours a configured list", () => {
    const [p] = validateEvalYaml(doc("inspect_ai", inspectTask())).problems;
    expect(formatProblem(p!)).toMatch(/^eval\.yaml:3:23 ✖ Invalid input → at evaluation_framework: expected one of exgentic, inspect-ai, .*; did you mean `inspect-ai`\?$/);
    expect(problems(doc("my-harness", "  - id: a\n"), ["my-harness"])).toEqual([]);
  });

  it("rejects duplicate task ids, pointing at the second", () => {
    const r = validateEvalYaml(doc("math-arena", "  - id: a\n  - id: b\n  - id: a\n"));
    expect(r.benchmark).toBeNull();
    expect(r.problems.map((p) => [p.path, p.code, p.line])).toEqual([["tasks[2].id", "duplicate-task-id", 7]]);
    expect(r.problems[0]?.message).toContain("tasks[0] (line 5)");
  });

  it("requires at least one task, and each task to be a mapping with an id", () => {
    expect(problems(doc("math-arena", "  []\n"))).toEqual([["tasks", "too-small", "error", 5, 3]]);
    expect(problems(doc("math-arena", "  - just-a-string\n  - config: x\n"))).toEqual([
      ["tasks[0]", "invalid-type", "error", 5, 5],
      ["tasks[1].id", "missing-field", "error", 6, 5],
    ]);
  });

  it("refuses a document that is not a mapping", () => {
    expect(problems("- a\n- b\n")).toEqual([["", "invalid-type", "error", 1, 1]]);
  });
});
