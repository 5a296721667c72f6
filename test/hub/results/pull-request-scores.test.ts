import { describe, expect, it } from "vitest";
import { compareScores } from "../../../src/hub/results/pull-request-scores.ts";

const score = (file: string, task: string, value: number, ordinal = 0, notes: string | null = null) => ({
  file,
  key: `${file}|org/bench|${task}|${ordinal}`,
  hash: `${task}:${value}:${notes ?? ""}`,
  dataset: "org/bench",
  task,
  value,
  notes,
  invalid: false,
});

describe("the scores a pull request changes", () => {
  it("tells added, changed and removed entries apart and leaves equal ones out", () => {
    const before = [score("a.yaml", "easy", 50), score("a.yaml", "hard", 20), score("b.yaml", "easy", 10)];
    const after = [score("a.yaml", "easy", 50), score("a.yaml", "hard", 25), score("c.yaml", "easy", 70)];
    expect(compareScores(before, after).map((c) => [c.change, c.file, c.task, c.before, c.after])).toEqual([
      ["changed", "a.yaml", "hard", 20, 25],
      ["added", "c.yaml", "easy", null, 70],
      ["removed", "b.yaml", "easy", 10, null],
    ]);
  });

  it("counts a change of notes alone as changed, and a second entry for the same task as added", () => {
    const before = [score("a.yaml", "easy", 50)];
    const after = [score("a.yaml", "easy", 50, 0, "greedy"), score("a.yaml", "easy", 55, 1)];
    expect(compareScores(before, after).map((c) => [c.change, c.before, c.after, c.notes])).toEqual([
      ["changed", 50, 50, "greedy"],
      ["added", null, 55, null],
    ]);
  });
});
