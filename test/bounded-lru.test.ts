import { describe, expect, it } from "vitest";
import { BoundedLru } from "../src/bounded-lru.ts";

describe("bounded LRU", () => {
  it("returns what was kept under a key, and nothing for another", () => {
    const lru = new BoundedLru<string>(100);
    lru.set("a", "kept", 7);
    expect(lru.get("a")).toBe("kept");
    expect(lru.get("b")).toBeUndefined();
  });

  it("drops the least recently used values once their costs pass the bound", () => {
    const lru = new BoundedLru<number>(100);
    for (const [i, key] of ["a", "b", "c", "d", "e"].entries()) lru.set(key, i, 20);
    lru.get("a");
    // 100 holds five values of 20; a sixth pushes out "b", the one used longest ago ("a" was read).
    lru.set("f", 5, 20);
    expect(lru.get("b")).toBeUndefined();
    expect(["a", "c", "d", "e", "f"].map((k) => lru.get(k))).toEqual([0, 2, 3, 4, 5]);
  });

  it("reports what it holds, and holds nothing once everything is dropped", () => {
    const lru = new BoundedLru<number>(100);
    lru.set("a", 1, 20);
    lru.set("b", 2, 15);
    expect([lru.size, lru.cost]).toEqual([2, 35]);
    expect(lru.deleteWhere(() => true).map(([key]) => key)).toEqual(["a", "b"]);
    expect([lru.size, lru.cost, lru.get("a")]).toEqual([0, 0, undefined]);
    for (const [i, key] of ["c", "d", "e", "f"].entries()) lru.set(key, i, 25);
    expect(["c", "d", "e", "f"].map((k) => lru.get(k))).toEqual([0, 1, 2, 3]);
  });

  it("counts a replaced value's cost once", () => {
    const lru = new BoundedLru<number>(100);
    lru.set("a", 1, 25);
    for (let i = 0; i < 10; i++) lru.set("b", i, 25);
    lru.set("c", 3, 25);
    lru.set("d", 4, 25);
    // Had "b" counted ten times, "a" would be gone.
    expect([lru.get("a"), lru.get("b"), lru.get("c"), lru.get("d")]).toEqual([1, 9, 3, 4]);
  });

  it("does not keep a value costing more than a quarter of the bound", () => {
    const lru = new BoundedLru<string>(100);
    lru.set("big", "x", 26);
    expect(lru.get("big")).toBeUndefined();
  });

  it("drops the values a test accepts, answers them least recently used first, and frees their cost", () => {
    const lru = new BoundedLru<number>(100);
    for (const [i, key] of ["a", "b", "c", "d"].entries()) lru.set(key, i, 25);
    lru.get("a");
    expect(lru.deleteWhere((value, key) => value % 2 === 0 || key === "d")).toEqual([["c", 2], ["d", 3], ["a", 0]]);
    expect([lru.size, lru.cost, lru.get("b")]).toEqual([1, 25, 1]);
  });

  it("deletes one key and frees its cost; deleting a missing key changes nothing", () => {
    const lru = new BoundedLru<number>(100);
    lru.set("a", 1, 25);
    lru.set("b", 2, 20);
    lru.delete("a");
    lru.delete("nothing");
    expect([lru.size, lru.cost, lru.get("a"), lru.get("b")]).toEqual([1, 20, undefined, 2]);
  });
});
