import { describe, expect, it } from "vitest";
import { CommitCache } from "../../../src/hub/browse/commit-cache.ts";

describe("CommitCache", () => {
  it("computes a commit's value once, even for concurrent callers", async () => {
    const cache = new CommitCache<number>(10);
    let computed = 0;
    const compute = async () => ++computed;
    const values = await Promise.all([cache.get("a.git", "c1", compute), cache.get("a.git", "c1", compute)]);
    expect(values).toEqual([1, 1]);
    expect(await cache.get("a.git", "c1", compute)).toBe(1);
    expect(await cache.get("b.git", "c1", compute)).toBe(2);
    expect(computed).toBe(2);
  });

  it("drops the least recently used entries past its cost bound, and keeps none too big for it", async () => {
    const cache = new CommitCache<string>(12, (value) => value.length);
    const calls: string[] = [];
    const get = (commit: string, value = `${commit}${commit}${commit}`) => cache.get("r", commit, async () => (calls.push(commit), value));
    for (const commit of ["1", "2", "3", "4", "1"]) await get(commit);
    // A fifth entry takes the total to 15 > 12: "2", the least recently used, goes; "1" was used again and stays.
    await get("5");
    await get("2");
    await get("1");
    // Worth more than a quarter of the bound: returned, never kept.
    await get("big", "xxxx");
    await get("big", "xxxx");
    expect(calls).toEqual(["1", "2", "3", "4", "5", "2", "big", "big"]);
  });

  it("does not keep a failed computation", async () => {
    const cache = new CommitCache<number>(10);
    await expect(cache.get("r", "1", async () => Promise.reject(new Error("git failed")))).rejects.toThrow("git failed");
    expect(await cache.get("r", "1", async () => 7)).toBe(7);
  });
});
