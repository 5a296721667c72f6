import { describe, expect, it } from "vitest";
import { ConflictMemo } from "../../../src/hub/trust/conflict-memo.ts";
import type { Conflict } from "../../../src/hub/trust/conflicts.ts";

const conflicts = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `c${i}` }) as unknown as Conflict);

describe("conflict memo", () => {
  it("returns what was kept under a signature, and nothing for another", () => {
    const memo = new ConflictMemo(100);
    const kept = conflicts(3);
    memo.set("a", kept, 4);
    expect(memo.get("a")).toBe(kept);
    expect(memo.get("b")).toBeUndefined();
  });

  it("drops the least recently used groups once entries plus conflicts pass the budget", () => {
    const memo = new ConflictMemo(100);
    memo.set("a", conflicts(10), 10);
    memo.set("b", conflicts(10), 10);
    memo.set("c", conflicts(10), 10);
    memo.get("a");
    memo.set("d", conflicts(10), 10);
    memo.set("e", conflicts(10), 10);
    // 100 units hold five groups of 20; a sixth pushes out "b", the one used longest ago ("a" was read).
    memo.set("f", conflicts(10), 10);
    expect(memo.get("b")).toBeUndefined();
    expect(["a", "c", "d", "e", "f"].map((s) => memo.get(s)?.length)).toEqual([10, 10, 10, 10, 10]);
  });

  it("does not keep a group larger than a quarter of the budget", () => {
    const memo = new ConflictMemo(100);
    memo.set("big", conflicts(20), 6);
    expect(memo.get("big")).toBeUndefined();
  });
});
