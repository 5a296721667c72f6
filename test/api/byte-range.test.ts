import { describe, expect, it } from "vitest";
import { parseByteRange } from "../../src/api/byte-range.ts";

describe("parseByteRange", () => {
  it.each([
    ["bytes=0-0", { kind: "part", start: 0, end: 0 }],
    ["bytes=10-", { kind: "part", start: 10, end: 35 }],
    ["bytes=30-99", { kind: "part", start: 30, end: 35 }],
    ["bytes=-5", { kind: "part", start: 31, end: 35 }],
    ["bytes=-100", { kind: "part", start: 0, end: 35 }],
    ["bytes = 1 - 2", { kind: "part", start: 1, end: 2 }],
    ["bytes=36-", { kind: "unsatisfiable" }],
    ["bytes=1000-2000", { kind: "unsatisfiable" }],
    ["bytes=-0", { kind: "unsatisfiable" }],
    ["bytes=5-2", { kind: "whole" }],
    ["bytes=0-1,3-4", { kind: "whole" }],
    ["items=0-1", { kind: "whole" }],
    ["bytes=-", { kind: "whole" }],
    ["bytes=a-b", { kind: "whole" }],
  ])("%s of 36 bytes", (header, expected) => {
    expect(parseByteRange(header, 36)).toEqual(expected);
  });

  it("is the whole body without a header", () => {
    expect(parseByteRange(undefined, 36)).toEqual({ kind: "whole" });
  });
});
