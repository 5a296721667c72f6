import { afterEach, describe, expect, it } from "vitest";
import { CatFileReader } from "../../src/git/cat-file.ts";
import { createCommit } from "../../src/git/commit.ts";
import { commitTree } from "../../src/git/commit-tree.ts";
import { lastChangeTimes } from "../../src/git/last-changes.ts";
import { runGit } from "../../src/git/run.ts";
import { GIT_STARTS, alice, newBareRepo, startingGit } from "./fixtures.ts";

const readers: CatFileReader[] = [];
afterEach(async () => {
  await Promise.all(readers.splice(0).map((r) => r.close()));
});

type Files = Record<string, string>;

/** A test history: each commit has the exact files given, its parents and a committer time in seconds. */
class History {
  private scratch = 0;
  constructor(readonly repo: string) {}

  static async create(): Promise<History> {
    return new History(await newBareRepo());
  }

  async commit(parents: string[], files: Files, seconds: number): Promise<string> {
    const changes = Object.entries(files).map(([path, content]) => ({ path, content }));
    const made = await createCommit(this.repo, { parent: null, branchRef: `refs/scratch/${this.scratch++}`, expectedHead: null, changes, message: "tree", author: alice });
    if (!made.ok) throw new Error("scratch ref taken");
    return commitTree(this.repo, { tree: made.tree, parents, message: `at ${seconds}`, author: alice, date: new Date(seconds * 1000) });
  }

  reader(): CatFileReader {
    const reader = new CatFileReader(this.repo);
    readers.push(reader);
    return reader;
  }

  /** What `git log -1 <commit> -- <path>` says, path by path: the answer lastChangeTimes must give. */
  async oracle(commit: string, paths: readonly string[]): Promise<Map<string, number | null>> {
    const out = new Map<string, number | null>();
    for (const path of paths) {
      const text = (await runGit(this.repo, ["log", "-1", "--format=%ct", commit, "--", path])).stdout.toString().trim();
      out.set(path, text === "" ? null : Number(text));
    }
    return out;
  }
}

for (const where of GIT_STARTS)
  describe(`last changes, ${where}`, () => {
    startingGit(where);

    describe("lastChangeTimes", () => {
      it("gives each file the time of the last commit that changed it, from one walk", async () => {
        const h = await History.create();
        const c1 = await h.commit([], { "r/a.yaml": "1", "r/b.yaml": "1", "r/deep/c.yaml": "1", "README.md": "x" }, 1000);
        const c2 = await h.commit([c1], { "r/a.yaml": "2", "r/b.yaml": "1", "r/deep/c.yaml": "1", "README.md": "x" }, 2000);
        const c3 = await h.commit([c2], { "r/a.yaml": "2", "r/b.yaml": "1", "r/deep/c.yaml": "3", "README.md": "y" }, 3000);
        const c4 = await h.commit([c3], { "r/a.yaml": "2", "r/b.yaml": "1", "r/deep/c.yaml": "3", "README.md": "z" }, 4000);
        const times = await lastChangeTimes(h.reader(), c4, "r", ["r/a.yaml", "r/b.yaml", "r/deep/c.yaml", "r/none.yaml"]);
        expect(Object.fromEntries(times)).toEqual({ "r/a.yaml": 2000, "r/b.yaml": 1000, "r/deep/c.yaml": 3000, "r/none.yaml": null });
      });

      it("follows deletes, re-adds and renames like git log does", async () => {
        const h = await History.create();
        const c1 = await h.commit([], { "r/a.yaml": "a", "r/b.yaml": "b" }, 1000);
        const c2 = await h.commit([c1], { "r/b.yaml": "b" }, 2000);
        const c3 = await h.commit([c2], { "r/a.yaml": "a", "r/b.yaml": "b" }, 3000);
        const c4 = await h.commit([c3], { "r/a.yaml": "a", "r/c.yaml": "b" }, 4000);
        const c5 = await h.commit([c4], { "r/a.yaml": "a", "r/c.yaml": "b", "other.txt": "o" }, 5000);
        const paths = ["r/a.yaml", "r/c.yaml", "r/b.yaml"];
        const times = await lastChangeTimes(h.reader(), c5, "r", paths);
        expect(times).toEqual(await h.oracle(c5, paths));
        expect(times.get("r/a.yaml")).toBe(3000);
        expect(times.get("r/c.yaml")).toBe(4000);
      });

      it("takes a merged file's time from the side it came from, and a merge's own change from the merge", async () => {
        const h = await History.create();
        const base = await h.commit([], { "r/main.yaml": "0", "r/side.yaml": "0", "r/both.yaml": "0", "r/evil.yaml": "0" }, 1000);
        const side1 = await h.commit([base], { "r/main.yaml": "0", "r/side.yaml": "s", "r/both.yaml": "0", "r/evil.yaml": "0" }, 2000);
        const side2 = await h.commit([side1], { "r/main.yaml": "0", "r/side.yaml": "s", "r/both.yaml": "b", "r/evil.yaml": "0" }, 2500);
        const main1 = await h.commit([base], { "r/main.yaml": "m", "r/side.yaml": "0", "r/both.yaml": "0", "r/evil.yaml": "0" }, 3000);
        const main2 = await h.commit([main1], { "r/main.yaml": "m", "r/side.yaml": "0", "r/both.yaml": "b", "r/evil.yaml": "0" }, 3500);
        // The merge keeps main's and side's changes, and edits evil.yaml itself.
        const merge = await h.commit([main2, side2], { "r/main.yaml": "m", "r/side.yaml": "s", "r/both.yaml": "b", "r/evil.yaml": "e" }, 4000);
        const paths = ["r/main.yaml", "r/side.yaml", "r/both.yaml", "r/evil.yaml"];
        const times = await lastChangeTimes(h.reader(), merge, "r", paths);
        expect(Object.fromEntries(times)).toEqual({ "r/main.yaml": 3000, "r/side.yaml": 2000, "r/both.yaml": 3500, "r/evil.yaml": 4000 });
        expect(times).toEqual(await h.oracle(merge, paths));
      });

      it("follows the first parent that has a file as the merge has it, even when the folder as a whole came from the other", async () => {
        const h = await History.create();
        const base = await h.commit([], { "r/a.yaml": "0", "r/b.yaml": "0" }, 1000);
        const main1 = await h.commit([base], { "r/a.yaml": "1", "r/b.yaml": "0" }, 1500);
        const side1 = await h.commit([base], { "r/a.yaml": "1", "r/b.yaml": "0" }, 1200);
        const side2 = await h.commit([side1], { "r/a.yaml": "1", "r/b.yaml": "2" }, 1300);
        const merge = await h.commit([main1, side2], { "r/a.yaml": "1", "r/b.yaml": "2" }, 2000);
        const times = await lastChangeTimes(h.reader(), merge, "r", ["r/a.yaml", "r/b.yaml"]);
        expect(Object.fromEntries(times)).toEqual({ "r/a.yaml": 1500, "r/b.yaml": 1300 });
        expect(times).toEqual(await h.oracle(merge, ["r/a.yaml", "r/b.yaml"]));
      });

      it("asks git path by path for what the walk did not reach within its cap", async () => {
        const h = await History.create();
        let head = await h.commit([], { "r/old.yaml": "o", "r/new.yaml": "0" }, 1000);
        for (let i = 1; i <= 5; i++) head = await h.commit([head], { "r/old.yaml": "o", "r/new.yaml": `${i}` }, 1000 + i * 100);
        const times = await lastChangeTimes(h.reader(), head, "r", ["r/old.yaml", "r/new.yaml"], { maxCommits: 2 });
        expect(Object.fromEntries(times)).toEqual({ "r/old.yaml": 1000, "r/new.yaml": 1500 });
      });

      it("agrees with git log on random histories with merges and clock skew", async () => {
        let seed = 7;
        const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
        const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
        const h = await History.create();
        const names = ["r/a.yaml", "r/b.yaml", "r/c/d.yaml", "r/e.yaml", "top.txt"];
        const commits: { id: string; files: Files }[] = [];
        for (let i = 0; i < 36; i++) {
          const parents = commits.length === 0 ? [] : random() < 0.3 && commits.length > 2 ? [pick(commits), pick(commits)] : [pick(commits.slice(-4))];
          const files: Files = { ...(parents[0]?.files ?? {}) };
          // A merge takes some files from its other side, as a merge would; any commit may also edit or delete some.
          for (const name of names) if (parents[1] && random() < 0.5) {
            const theirs = parents[1].files[name];
            if (theirs === undefined) delete files[name];
            else files[name] = theirs;
          }
          for (const name of names) {
            const r = random();
            if (r < 0.2) files[name] = `v${i}`;
            else if (r < 0.25) delete files[name];
          }
          if (Object.keys(files).length === 0) files["top.txt"] = `v${i}`;
          const seconds = 100_000 + i * 100 + (random() < 0.2 ? -Math.floor(random() * 2000) : 0);
          commits.push({ id: await h.commit([...new Set(parents.map((p) => p.id))], files, seconds), files });
        }
        const reader = h.reader();
        for (const { id, files } of commits.slice(-12)) {
          const paths = Object.keys(files).filter((p) => p.startsWith("r/"));
          expect(await lastChangeTimes(reader, id, "r", paths)).toEqual(await h.oracle(id, paths));
        }
      });
    });
  });
