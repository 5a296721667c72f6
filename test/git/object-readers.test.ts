import { afterEach, describe, expect, it } from "vitest";
import { CatFileReader } from "../../src/git/cat-file.ts";
import { parseCommitObject, readCommit } from "../../src/git/commit-object.ts";
import { GitObjectTooLargeError } from "../../src/git/errors.ts";
import { readRefHeads } from "../../src/git/ref-heads.ts";
import { runGit } from "../../src/git/run.ts";
import { parseTreeObject } from "../../src/git/tree-object.ts";
import { listTree } from "../../src/git/tree-walk.ts";
import { readTree } from "../../src/git/tree.ts";
import { commitOn, newBareRepo } from "./fixtures.ts";

const readers: CatFileReader[] = [];
afterEach(async () => {
  await Promise.all(readers.splice(0).map((r) => r.close()));
});

function readerOf(repo: string): CatFileReader {
  const reader = new CatFileReader(repo);
  readers.push(reader);
  return reader;
}

const OID_A = "0123456789abcdef0123456789abcdef01234567";
const OID_B = "89abcdef0123456789abcdef0123456789abcdef";

function rawTree(entries: [mode: string, name: string, oid: string][]): Buffer {
  return Buffer.concat(entries.map(([mode, name, oid]) => Buffer.concat([Buffer.from(`${mode} ${name}\0`), Buffer.from(oid, "hex")])));
}

describe("parseTreeObject", () => {
  it("reads modes, names and ids, with six-digit modes and types as ls-tree gives them", () => {
    const entries = parseTreeObject(rawTree([["100644", "a file.yaml", OID_A], ["40000", "dir", OID_B], ["120000", "link", OID_A], ["160000", "sub", OID_B], ["100755", "é.sh", OID_A]]));
    expect(entries).toEqual([
      { name: "a file.yaml", mode: "100644", type: "blob", oid: OID_A },
      { name: "dir", mode: "040000", type: "tree", oid: OID_B },
      { name: "link", mode: "120000", type: "blob", oid: OID_A },
      { name: "sub", mode: "160000", type: "commit", oid: OID_B },
      { name: "é.sh", mode: "100755", type: "blob", oid: OID_A },
    ]);
    expect(parseTreeObject(Buffer.alloc(0))).toEqual([]);
  });

  it("refuses a truncated or malformed object instead of reading a shorter tree", () => {
    const whole = rawTree([["100644", "a", OID_A]]);
    expect(() => parseTreeObject(whole.subarray(0, whole.length - 1))).toThrow(/malformed/);
    expect(() => parseTreeObject(Buffer.from("100644 a-without-nul"))).toThrow(/malformed/);
    expect(() => parseTreeObject(rawTree([["10x644", "a", OID_A]]))).toThrow(/malformed/);
  });
});

describe("parseCommitObject", () => {
  it("reads tree, parents and committer time", () => {
    const text = `tree ${OID_A}\nparent ${OID_B}\nparent ${OID_A}\nauthor A <a@x> 1700000000 +0100\ncommitter C D <c@x> 1700000123 -0230\n\nmessage\ncommitter fake <f> 1 +0000\n`;
    expect(parseCommitObject(Buffer.from(text))).toEqual({ tree: OID_A, parents: [OID_B, OID_A], committerTime: 1700000123 });
  });

  it("reads a malformed date as git does (0) and refuses a commit without a tree", () => {
    expect(parseCommitObject(Buffer.from(`tree ${OID_A}\ncommitter C <c@x> yesterday\n\n`)).committerTime).toBe(0);
    expect(() => parseCommitObject(Buffer.from("committer C <c@x> 1 +0000\n\n"))).toThrow(/malformed/);
  });
});

describe("reading a repository through one cat-file reader", () => {
  it("lists trees exactly as readTree does (without sizes), reads commits, and caps single reads", async () => {
    const repo = await newBareRepo();
    const head = await commitOn(repo, null, [
      { path: "README.md", content: "# card\n" },
      { path: ".eval_results/a.yaml", content: "- 1\n" },
      { path: ".eval_results/nested/deeper/b.yml", content: "- 2\n" },
      { path: ".eval_results/nested/c.yaml", content: "- 3\n" },
      { path: "weights/model-00001.safetensors", content: "x".repeat(100) },
    ], { date: new Date("2026-03-04T05:06:07Z") });
    const reader = readerOf(repo);
    const withoutSize = (entries: Awaited<ReturnType<typeof readTree>>) => entries?.map(({ size: _size, ...rest }) => rest);
    for (const options of [{}, { recursive: true }, { path: ".eval_results" }, { path: ".eval_results", recursive: true }, { path: ".eval_results/nested" }]) {
      expect(await listTree(reader, head, options)).toEqual(withoutSize(await readTree(repo, head, options)));
    }
    expect(await listTree(reader, head, { path: "README.md" })).toBeNull();
    expect(await listTree(reader, head, { path: "missing" })).toBeNull();
    expect(await listTree(reader, "0000000000000000000000000000000000000000")).toBeNull();

    const commit = await readCommit(reader, "refs/heads/main");
    expect(commit?.committerTime).toBe(Date.parse("2026-03-04T05:06:07Z") / 1000);
    expect(commit?.parents).toEqual([]);
    expect(await readCommit(reader, "refs/heads/none")).toBeNull();

    await expect(reader.read(`${head}:weights/model-00001.safetensors`, { maxBytes: 99 })).rejects.toBeInstanceOf(GitObjectTooLargeError);
    // The reader is still in step after a skipped object.
    expect((await reader.read(`${head}:README.md`, { maxBytes: 99 }))?.content.toString()).toBe("# card\n");
  });
});

describe("readRefHeads", () => {
  it("resolves several refs through the reader, tags peeled, missing ones left out", async () => {
    const repo = await newBareRepo();
    const main = await commitOn(repo, null, [{ path: "a", content: "1" }]);
    const pr = await commitOn(repo, main, [{ path: "a", content: "2" }], { ref: "refs/pr/1", expectedHead: null });
    await commitOn(repo, pr, [{ path: "a", content: "3" }], { ref: "refs/pr/10", expectedHead: null });
    await runGit(repo, ["tag", "-a", "-m", "t", "v1", main], { env: { GIT_COMMITTER_NAME: "T", GIT_COMMITTER_EMAIL: "t@x" } });
    const reader = readerOf(repo);
    const refs = await readRefHeads(reader, ["refs/heads/main", "refs/pr/1", "refs/pr/2", "refs/tags/v1", "refs/pr", "refs/pr/1"]);
    expect(Object.fromEntries(refs)).toEqual({ "refs/heads/main": main, "refs/pr/1": pr, "refs/tags/v1": main });
    expect(await readRefHeads(reader, [])).toEqual(new Map());
    await expect(readRefHeads(reader, ["--all"])).rejects.toThrow();
  });
});
