import { beforeAll, describe, expect, it } from "vitest";
import { readBlob, streamBlob } from "../../src/git/blob.ts";
import { diffTree } from "../../src/git/diff-tree.ts";
import { GitError, UnsafeGitInputError } from "../../src/git/errors.ts";
import { countCommits, log } from "../../src/git/log.ts";
import { readTree } from "../../src/git/tree.ts";
import { GIT_STARTS, commitOn, newBareRepo, startingGit } from "./fixtures.ts";

let repo: string;
let first: string;
let second: string;
let third: string;

beforeAll(async () => {
  repo = await newBareRepo();
  first = await commitOn(
    repo,
    null,
    [
      { path: "README.md", content: "# hello\n" },
      { path: ".eval_results/hle.yaml", content: "score: 1\n" },
      { path: "logs/run 1/out.json", content: "{}" },
    ],
    { message: "Initial import", date: new Date("2026-01-02T03:04:05Z") },
  );
  second = await commitOn(repo, first, [{ path: ".eval_results/hle.yaml", content: "score: 2\n" }], {
    message: "Update score\n\nRe-ran with the fixed harness.\nSecond line.",
    date: new Date("2026-01-03T00:00:00Z"),
  });
  third = await commitOn(repo, second, [{ path: "logs/run 1/out.json", delete: true }, { path: "notes.txt", content: "n" }], {
    message: "Drop logs",
  });
});

describe("readTree", () => {
  it("lists the root with types, modes, ids and blob sizes", async () => {
    const entries = await readTree(repo, first);
    expect(entries?.map((e) => [e.path, e.type, e.mode, e.size])).toEqual([
      [".eval_results", "tree", "040000", null],
      ["README.md", "blob", "100644", 8],
      ["logs", "tree", "040000", null],
    ]);
    expect(entries?.every((e) => /^[0-9a-f]{40}$/.test(e.oid))).toBe(true);
  });

  it("lists a nested directory with paths from the root", async () => {
    expect((await readTree(repo, first, { path: "logs/run 1" }))?.map((e) => e.path)).toEqual(["logs/run 1/out.json"]);
    expect((await readTree(repo, first, { path: ".eval_results" }))?.map((e) => [e.path, e.size])).toEqual([[".eval_results/hle.yaml", 9]]);
  });

  it("lists everything below a directory when recursive, directories included", async () => {
    const entries = await readTree(repo, first, { recursive: true });
    expect(entries?.map((e) => `${e.type} ${e.path}`)).toEqual([
      "tree .eval_results",
      "blob .eval_results/hle.yaml",
      "blob README.md",
      "tree logs",
      "tree logs/run 1",
      "blob logs/run 1/out.json",
    ]);
    expect((await readTree(repo, first, { recursive: true, path: "logs" }))?.map((e) => e.path)).toEqual(["logs/run 1", "logs/run 1/out.json"]);
  });

  it("answers null for a missing path, a file path or an unknown revision", async () => {
    expect(await readTree(repo, first, { path: "nope" })).toBeNull();
    expect(await readTree(repo, first, { path: "README.md" })).toBeNull();
    expect(await readTree(repo, third, { path: "logs" })).toBeNull();
    expect(await readTree(repo, "0123456789012345678901234567890123456789")).toBeNull();
  });

  it("refuses unsafe paths and revisions", async () => {
    await expect(readTree(repo, first, { path: "../x" })).rejects.toBeInstanceOf(UnsafeGitInputError);
    await expect(readTree(repo, "--output=/tmp/x")).rejects.toBeInstanceOf(UnsafeGitInputError);
  });
});

for (const where of GIT_STARTS)
  describe(`blobs, ${where}`, () => {
    startingGit(where);

    describe("readBlob and streamBlob", () => {
      it("reads a file at a revision, or null when there is none", async () => {
        expect((await readBlob(repo, first, ".eval_results/hle.yaml"))?.toString()).toBe("score: 1\n");
        expect((await readBlob(repo, "main", ".eval_results/hle.yaml"))?.toString()).toBe("score: 2\n");
        expect((await readBlob(repo, "main", "logs/run 1/out.json"))).toBeNull();
        expect(await readBlob(repo, "main", ".eval_results")).toBeNull(); // a directory
      });

      it("streams a blob and fails the stream for a missing one", async () => {
        const entries = await readTree(repo, first);
        const readme = entries?.find((e) => e.path === "README.md");
        const chunks: Buffer[] = [];
        for await (const chunk of streamBlob(repo, readme?.oid ?? "")) chunks.push(chunk as Buffer);
        expect(Buffer.concat(chunks).toString()).toBe("# hello\n");

        const missing = streamBlob(repo, "0123456789012345678901234567890123456789");
        await expect((async () => {
          for await (const _ of missing) void _;
        })()).rejects.toBeInstanceOf(GitError);
      });
    });
  });

describe("log and countCommits", () => {
  it("lists commits newest first with authors, dates, title and message", async () => {
    const commits = await log(repo, "main");
    expect(commits.map((c) => c.id)).toEqual([third, second, first]);
    const update = commits[1];
    expect(update).toMatchObject({
      id: second,
      parents: [first],
      authorName: "Alice Example",
      authorEmail: "alice@example.org",
      authorDate: "2026-01-03T00:00:00+00:00",
      committerDate: "2026-01-03T00:00:00+00:00",
      title: "Update score",
      body: "Re-ran with the fixed harness.\nSecond line.",
      message: "Update score\n\nRe-ran with the fixed harness.\nSecond line.",
    });
    expect(commits[2]?.parents).toEqual([]);
  });

  it("pages with skip and limit and filters by path", async () => {
    expect((await log(repo, "main", { skip: 1, limit: 1 })).map((c) => c.id)).toEqual([second]);
    expect((await log(repo, "main", { path: "logs" })).map((c) => c.id)).toEqual([third, first]);
    expect((await log(repo, "main", { path: ".eval_results/hle.yaml" })).map((c) => c.id)).toEqual([second, first]);
    expect(await countCommits(repo, "main")).toBe(3);
    expect(await countCommits(repo, second)).toBe(2);
    expect(await countCommits(repo, "main", { path: "notes.txt" })).toBe(1);
  });

  it("treats path patterns literally", async () => {
    expect(await countCommits(repo, "main", { path: "*.txt" })).toBe(0);
  });
});

describe("diffTree", () => {
  it("lists added, modified and deleted files", async () => {
    const changes = await diffTree(repo, second, third);
    expect(changes.map((c) => [c.status, c.path])).toEqual([
      ["deleted", "logs/run 1/out.json"],
      ["added", "notes.txt"],
    ]);
    const deleted = changes[0];
    expect(deleted?.newOid).toBeNull();
    expect(deleted?.oldMode).toBe("100644");
    const modified = await diffTree(repo, first, second);
    expect(modified).toEqual([
      expect.objectContaining({ status: "modified", path: ".eval_results/hle.yaml", oldMode: "100644", newMode: "100644" }),
    ]);
  });

  it("compares against nothing for a first commit", async () => {
    const changes = await diffTree(repo, null, first);
    expect(changes.map((c) => c.status)).toEqual(["added", "added", "added"]);
    expect(changes.every((c) => c.oldOid === null)).toBe(true);
  });
});
