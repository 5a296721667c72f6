import { describe, expect, it } from "vitest";
import { readBlob } from "../../src/git/blob.ts";
import { log } from "../../src/git/log.ts";
import { isAncestor, mergeCommits } from "../../src/git/merge.ts";
import { readRef } from "../../src/git/refs.ts";
import { alice, commitOn, newBareRepo } from "./fixtures.ts";

const merge = (repo: string, ours: string, theirs: string) =>
  mergeCommits(repo, { ours, theirs, message: "Merge pull request #1", author: alice, date: new Date("2026-02-01T00:00:00Z") });

async function repoWithBase() {
  const repo = await newBareRepo();
  const base = await commitOn(repo, null, [
    { path: "shared.yaml", content: "a: 1\nb: 2\nc: 3\n" },
    { path: "other.txt", content: "o" },
  ]);
  return { repo, base };
}

describe("mergeCommits", () => {
  it("fast-forwards when ours is an ancestor of theirs", async () => {
    const { repo, base } = await repoWithBase();
    const theirs = await commitOn(repo, base, [{ path: "new.txt", content: "n" }], { ref: "refs/pr/1", expectedHead: null });
    expect(await merge(repo, base, theirs)).toEqual({ kind: "fast-forward", commit: theirs });
    expect(await readRef(repo, "refs/heads/main")).toBe(base); // no ref moved
  });

  it("reports up-to-date when theirs is already contained in ours", async () => {
    const { repo, base } = await repoWithBase();
    const ours = await commitOn(repo, base, [{ path: "x", content: "x" }]);
    expect(await merge(repo, ours, base)).toEqual({ kind: "up-to-date", commit: ours });
    expect(await merge(repo, ours, ours)).toEqual({ kind: "up-to-date", commit: ours });
  });

  it("creates a merge commit with both parents when the histories diverged cleanly", async () => {
    const { repo, base } = await repoWithBase();
    const ours = await commitOn(repo, base, [{ path: "shared.yaml", content: "a: 10\nb: 2\nc: 3\n" }]);
    const theirs = await commitOn(repo, base, [
      { path: "shared.yaml", content: "a: 1\nb: 2\nc: 30\n" },
      { path: "results/new.yaml", content: "score: 1\n" },
    ], { ref: "refs/pr/1", expectedHead: null });

    const result = await merge(repo, ours, theirs);
    expect(result.kind).toBe("merged");
    if (result.kind !== "merged") return;
    expect((await readBlob(repo, result.commit, "shared.yaml"))?.toString()).toBe("a: 10\nb: 2\nc: 30\n");
    expect((await readBlob(repo, result.commit, "results/new.yaml"))?.toString()).toBe("score: 1\n");
    const [commit] = await log(repo, result.commit, { limit: 1 });
    expect(commit?.parents).toEqual([ours, theirs]);
    expect(commit?.title).toBe("Merge pull request #1");
    expect(await isAncestor(repo, theirs, result.commit)).toBe(true);
    expect(await readRef(repo, "refs/heads/main")).toBe(ours); // still the caller's job
  });

  it("lists the conflicting paths", async () => {
    const { repo, base } = await repoWithBase();
    const ours = await commitOn(repo, base, [
      { path: "shared.yaml", content: "a: ours\nb: 2\nc: 3\n" },
      { path: "other.txt", content: "ours" },
      { path: "clean.txt", content: "fine" },
    ]);
    const theirs = await commitOn(repo, base, [
      { path: "shared.yaml", content: "a: theirs\nb: 2\nc: 3\n" },
      { path: "other.txt", delete: true },
    ], { ref: "refs/pr/1", expectedHead: null });
    expect(await merge(repo, ours, theirs)).toEqual({ kind: "conflict", paths: ["other.txt", "shared.yaml"] });
  });

  it("reports unrelated histories instead of merging them", async () => {
    const { repo, base } = await repoWithBase();
    const orphan = await commitOn(repo, null, [{ path: "z", content: "z" }], { ref: "refs/pr/1" });
    expect(await merge(repo, base, orphan)).toEqual({ kind: "unrelated" });
  });
});
