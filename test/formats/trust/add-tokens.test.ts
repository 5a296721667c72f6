import { describe, expect, it } from "vitest";
import { validateEvalResults } from "../../../src/formats/eval-results.ts";
import { addVerifyTokens } from "../../../src/formats/trust/add-tokens.ts";

const tokensOf = (text: string) => validateEvalResults(text).entries.map((e) => e.entry?.verifyToken);

describe("addVerifyTokens", () => {
  it("adds a line after each value, keeping comments, quotes, key order and indentation", () => {
    const text = [
      "# Results of acme/m1",
      "- dataset:",
      "    id: bench/alpha   # the benchmark",
      "    task_id: t1",
      "  value: 0.6 # pass@1",
      '  date: "2026-01-15"',
      "-   dataset: {id: bench/alpha, task_id: t2}",
      "    value: 12",
      "    notes: 'with tools'",
      "",
    ].join("\n");
    expect(addVerifyTokens(text, ["aaa.bbb.ccc", "ddd.eee.fff"])).toBe([
      "# Results of acme/m1",
      "- dataset:",
      "    id: bench/alpha   # the benchmark",
      "    task_id: t1",
      "  value: 0.6 # pass@1",
      "  verifyToken: aaa.bbb.ccc",
      '  date: "2026-01-15"',
      "-   dataset: {id: bench/alpha, task_id: t2}",
      "    value: 12",
      "    verifyToken: ddd.eee.fff",
      "    notes: 'with tools'",
      "",
    ].join("\n"));
  });

  it("replaces a token already there, and keeps CRLF line ends", () => {
    const text = "- dataset:\r\n    id: a/b\r\n    task_id: t\r\n  verifyToken: old.old.old\r\n  value: 1\r\n- value: 2\r\n  dataset: {id: a/b, task_id: u}";
    const out = addVerifyTokens(text, ["new.one.x", "new.two.y"]);
    expect(out).toBe("- dataset:\r\n    id: a/b\r\n    task_id: t\r\n  verifyToken: new.one.x\r\n  value: 1\r\n- value: 2\r\n  verifyToken: new.two.y\r\n  dataset: {id: a/b, task_id: u}");
    expect(tokensOf(out)).toEqual(["new.one.x", "new.two.y"]);
  });

  it("re-serialises flow-style entries, and reads a single mapping as one entry", () => {
    expect(tokensOf(addVerifyTokens("- {dataset: {id: a/b, task_id: t}, value: 1}\n", ["x.y.z"]))).toEqual(["x.y.z"]);
    expect(addVerifyTokens("dataset:\n  id: a/b\n  task_id: t\nvalue: 1\n", ["x.y.z"])).toBe("dataset:\n  id: a/b\n  task_id: t\nvalue: 1\nverifyToken: x.y.z\n");
  });

  it("refuses a token count that is not the entry count", () => {
    expect(() => addVerifyTokens("- dataset: {id: a/b, task_id: t}\n  value: 1\n", [])).toThrow("0 tokens for 1 entries");
  });
});
