import { describe, expect, it } from "vitest";
import { readBlob } from "../../src/git/blob.ts";
import { createCommit } from "../../src/git/commit.ts";
import { PathNotFoundError, UnsafeGitInputError } from "../../src/git/errors.ts";
import { log } from "../../src/git/log.ts";
import { EMPTY_TREE_OID } from "../../src/git/object-id.ts";
import { readRef } from "../../src/git/refs.ts";
import { runGit } from "../../src/git/run.ts";
import { readTree } from "../../src/git/tree.ts";
import { alice, bob, commitOn, newBareRepo } from "./fixtures.ts";

async function files(repo: string, rev: string): Promise<Record<string, string>> {
  const entries = (await readTree(repo, rev, { recursive: true })) ?? [];
  const result: Record<string, string> = {};
  for (const entry of entries.filter((e) => e.type === "blob")) {
    result[entry.path] = (await readBlob(repo, rev, entry.path))?.toString() ?? "<missing>";
  }
  return result;
}

describe("createCommit", () => {
  it("creates a first commit with nested paths and moves the branch", async () => {
    const repo = await newBareRepo();
    const result = await createCommit(repo, {
      parent: null,
      branchRef: "refs/heads/main",
      expectedHead: null,
      changes: [
        { path: "README.md", content: "# hi\n" },
        { path: "a/b/c/deep.txt", content: Buffer.from([0, 1, 2, 255]) },
        { path: "a/sibling.txt", content: "s" },
      ],
      message: "Initial commit",
      author: alice,
      committer: bob,
      date: new Date("2026-05-06T07:08:09Z"),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(await readRef(repo, "refs/heads/main")).toBe(result.commit);
    expect(await files(repo, "main")).toEqual({ "README.md": "# hi\n", "a/b/c/deep.txt": "\u0000\u0001\u0002\ufffd", "a/sibling.txt": "s" });
    expect((await readBlob(repo, "main", "a/b/c/deep.txt"))?.equals(Buffer.from([0, 1, 2, 255]))).toBe(true);

    const raw = (await runGit(repo, ["cat-file", "commit", result.commit])).stdout.toString();
    expect(raw).toContain(`tree ${result.tree}\n`);
    expect(raw).not.toContain("parent ");
    expect(raw).toContain("author Alice Example <alice@example.org> 1778051289 +0000");
    expect(raw).toContain("committer Bob Example <bob@example.org> 1778051289 +0000");
    expect(raw.endsWith("\n\nInitial commit\n")).toBe(true);
    await runGit(repo, ["fsck", "--strict"]);
  });

  it("modifies and deletes files on top of a parent", async () => {
    const repo = await newBareRepo();
    const first = await commitOn(repo, null, [
      { path: "keep.txt", content: "k" },
      { path: "dir/a.txt", content: "a" },
      { path: "dir/b.txt", content: "b" },
    ]);
    const second = await commitOn(repo, first, [
      { path: "dir/a.txt", delete: true },
      { path: "keep.txt", content: "k2" },
    ]);
    expect(await files(repo, second)).toEqual({ "keep.txt": "k2", "dir/b.txt": "b" });
    expect((await log(repo, "main")).map((c) => c.parents)).toEqual([[first], []]);
  });

  it("deletes a whole directory", async () => {
    const repo = await newBareRepo();
    const first = await commitOn(repo, null, [
      { path: "logs/a/1.json", content: "1" },
      { path: "logs/2.json", content: "2" },
      { path: "logsX.txt", content: "x" },
    ]);
    const second = await commitOn(repo, first, [{ path: "logs", delete: true }]);
    expect(await files(repo, second)).toEqual({ "logsX.txt": "x" });
  });

  it("replaces a file by a directory and a directory by a file", async () => {
    const repo = await newBareRepo();
    const first = await commitOn(repo, null, [
      { path: "results", content: "was a file" },
      { path: "config/a.yaml", content: "a" },
      { path: "config/sub/b.yaml", content: "b" },
    ]);
    const second = await commitOn(repo, first, [
      { path: "results/hle.yaml", content: "now a directory" },
      { path: "config", content: "now a file" },
    ]);
    expect(await files(repo, second)).toEqual({ "results/hle.yaml": "now a directory", config: "now a file" });
    await runGit(repo, ["fsck", "--strict"]);
  });

  it("applies changes in order, so the last change to a path wins", async () => {
    const repo = await newBareRepo();
    const first = await commitOn(repo, null, [{ path: "a.txt", content: "1" }]);
    const second = await commitOn(repo, first, [
      { path: "a.txt", delete: true },
      { path: "a.txt", content: "2" },
      { path: "b.txt", content: "temporary" },
      { path: "b.txt", delete: true },
    ]);
    expect(await files(repo, second)).toEqual({ "a.txt": "2" });
  });

  it("can delete every file, leaving the empty tree", async () => {
    const repo = await newBareRepo();
    const first = await commitOn(repo, null, [{ path: "only.txt", content: "x" }]);
    const result = await createCommit(repo, {
      parent: first,
      branchRef: "refs/heads/main",
      expectedHead: first,
      changes: [{ path: "only.txt", delete: true }],
      message: "Empty",
      author: alice,
    });
    expect(result).toMatchObject({ ok: true, tree: EMPTY_TREE_OID });
  });

  it("throws PathNotFoundError for deleting a path that does not exist, and moves nothing", async () => {
    const repo = await newBareRepo();
    const first = await commitOn(repo, null, [{ path: "a.txt", content: "a" }]);
    const attempt = commitOn(repo, first, [{ path: "missing.txt", delete: true }]);
    await expect(attempt).rejects.toBeInstanceOf(PathNotFoundError);
    expect(await readRef(repo, "refs/heads/main")).toBe(first);
  });

  it("refuses unsafe paths before writing anything", async () => {
    const repo = await newBareRepo();
    for (const path of ["../escape", ".git/config", "/abs", "a//b"]) {
      await expect(commitOn(repo, null, [{ path, content: "x" }])).rejects.toBeInstanceOf(UnsafeGitInputError);
    }
    expect(await readRef(repo, "refs/heads/main")).toBeNull();
  });

  it("refuses identities that would corrupt the commit header", async () => {
    const repo = await newBareRepo();
    const attempt = createCommit(repo, {
      parent: null,
      branchRef: "refs/heads/main",
      expectedHead: null,
      changes: [{ path: "a", content: "a" }],
      message: "x",
      author: { name: "Eve <eve@evil>\ncommitter Mallory", email: "eve@example.org" },
    });
    await expect(attempt).rejects.toBeInstanceOf(UnsafeGitInputError);
  });

  it("lets exactly one of two concurrent writers with the same expected head win", async () => {
    const repo = await newBareRepo();
    const base = await commitOn(repo, null, [{ path: "counter.txt", content: "0" }]);
    const write = (name: string) =>
      createCommit(repo, {
        parent: base,
        branchRef: "refs/heads/main",
        expectedHead: base,
        changes: [{ path: "counter.txt", content: name }, { path: `${name}.txt`, content: name }],
        message: `Written by ${name}`,
        author: alice,
      });

    for (let round = 0; round < 5; round++) {
      await runGit(repo, ["update-ref", "refs/heads/main", base]);
      const results = await Promise.all([write("one"), write("two")]);
      const winners = results.filter((r) => r.ok);
      const losers = results.filter((r) => !r.ok);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      const winner = winners[0];
      if (winner === undefined || !winner.ok) throw new Error("unreachable");
      expect(losers[0]).toEqual({ ok: false, reason: "stale", actual: winner.commit });
      expect(await readRef(repo, "refs/heads/main")).toBe(winner.commit);
      // nothing of the loser is visible: the head has the winner's files only
      const visible = Object.keys(await files(repo, "main")).sort();
      expect(visible.length).toBe(2);
    }
  });

  it("creates a pull request ref from a parent on another branch", async () => {
    const repo = await newBareRepo();
    const main = await commitOn(repo, null, [{ path: "a.txt", content: "a" }]);
    const pr = await commitOn(repo, main, [{ path: "b.txt", content: "b" }], { ref: "refs/pr/1", expectedHead: null });
    expect(await readRef(repo, "refs/pr/1")).toBe(pr);
    expect(await readRef(repo, "refs/heads/main")).toBe(main);
  });
});
