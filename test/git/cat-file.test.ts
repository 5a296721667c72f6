import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { CatFileReader } from "../../src/git/cat-file.ts";
import { CatFilePool } from "../../src/git/cat-file-pool.ts";
import { GitError, GitObjectTooLargeError, UnsafeGitInputError } from "../../src/git/errors.ts";
import { GIT_STARTS, commitOn, newBareRepo, startingGit } from "./fixtures.ts";

const pools: CatFilePool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

function newPool(options: ConstructorParameters<typeof CatFilePool>[0] = {}): CatFilePool {
  const pool = new CatFilePool(options);
  pools.push(pool);
  return pool;
}

async function repoWithFiles(count: number) {
  const repo = await newBareRepo();
  const changes = Array.from({ length: count }, (_, i) => ({ path: `dir ${i % 5}/file-${i}.txt`, content: `content of file ${i}\n`.repeat(i + 1) }));
  const head = await commitOn(repo, null, changes);
  return { repo, head, changes };
}

for (const where of GIT_STARTS)
  describe(`git cat-file, ${where}`, () => {
    startingGit(where);

    describe("CatFilePool", () => {
      it("answers many concurrent reads correctly and in order", async () => {
        const { repo, head, changes } = await repoWithFiles(60);
        const pool = newPool();
        const reads = [];
        for (let round = 0; round < 4; round++) {
          for (const change of changes) reads.push(pool.read(repo, `${head}:${change.path}`).then((o) => [change.path, o?.content.toString()]));
        }
        const results = await Promise.all(reads);
        expect(results).toHaveLength(240);
        for (const [path, content] of results) {
          expect(content).toBe(changes.find((c) => c.path === path)?.content);
        }
        expect(pool.size).toBe(1);
      });

      it("gives type and size without content, and null for missing objects", async () => {
        const { repo, head } = await repoWithFiles(3);
        const pool = newPool();
        const [info, missing, commit, tree, blob, badPath] = await Promise.all([
          pool.info(repo, `${head}:dir 2/file-2.txt`),
          pool.info(repo, "0123456789012345678901234567890123456789"),
          pool.read(repo, "main"),
          pool.read(repo, `${head}^{tree}`),
          pool.read(repo, `main:dir 1/file-1.txt`),
          pool.read(repo, "main:no such file"),
        ]);
        expect(info).toMatchObject({ type: "blob", size: "content of file 2\n".length * 3 });
        expect(info).not.toHaveProperty("content");
        expect(missing).toBeNull();
        expect(commit).toMatchObject({ oid: head, type: "commit" });
        expect(commit?.content.toString()).toMatch(/^tree [0-9a-f]{40}\n/);
        expect(tree?.type).toBe("tree");
        expect(blob?.content.toString()).toBe("content of file 1\ncontent of file 1\n");
        expect(badPath).toBeNull();
      });

      it("sees commits made after the process started", async () => {
        const repo = await newBareRepo();
        const first = await commitOn(repo, null, [{ path: "a.txt", content: "one" }]);
        const pool = newPool();
        expect((await pool.read(repo, "main:a.txt"))?.content.toString()).toBe("one");
        await commitOn(repo, first, [{ path: "a.txt", content: "two" }]);
        expect((await pool.read(repo, "main:a.txt"))?.content.toString()).toBe("two");
      });

      it("skips objects over the size limit without disturbing later reads", async () => {
        const repo = await newBareRepo();
        const head = await commitOn(repo, null, [
          { path: "big.bin", content: Buffer.alloc(300_000, 1) },
          { path: "small.txt", content: "small" },
        ]);
        const pool = newPool({ maxObjectBytes: 100_000 });
        const [big, small] = await Promise.allSettled([pool.read(repo, `${head}:big.bin`), pool.read(repo, `${head}:small.txt`)]);
        expect(big.status).toBe("rejected");
        expect(big.status === "rejected" && big.reason).toBeInstanceOf(GitObjectTooLargeError);
        expect(small.status === "fulfilled" && small.value?.content.toString()).toBe("small");
        expect((await pool.info(repo, `${head}:big.bin`))?.size).toBe(300_000);
      });

      it("fails pending requests when the process dies, then starts a new one", async () => {
        const { repo, head, changes } = await repoWithFiles(20);
        const pool = newPool();
        await pool.read(repo, head);
        const reader = pool.peek(repo);
        const pid = reader?.pid;
        expect(pid).toBeDefined();

        // Stopped first, so none of the requests can be answered before the crash.
        process.kill(pid ?? 0, "SIGSTOP");
        const pending = changes.map((c) => pool.read(repo, `${head}:${c.path}`));
        expect(reader?.pending).toBe(changes.length);
        process.kill(pid ?? 0, "SIGKILL");
        const settled = await Promise.allSettled(pending);
        expect(settled.map((s) => s.status === "rejected" && s.reason instanceof GitError)).toEqual(changes.map(() => true));
        expect(reader?.closed).toBe(true);

        const again = await pool.read(repo, `${head}:${changes[0]?.path}`);
        expect(again?.content.toString()).toBe(changes[0]?.content);
        expect(pool.peek(repo)?.pid).not.toBe(pid);
      });

      it("keeps at most maxProcesses readers, closing the least recently used", async () => {
        const repos = await Promise.all([repoWithFiles(1), repoWithFiles(1), repoWithFiles(1)]);
        const pool = newPool({ maxProcesses: 2 });
        for (const { repo, head } of repos) await pool.read(repo, head);
        expect(pool.size).toBe(2);
        expect(pool.peek(repos[0]?.repo ?? "")).toBeUndefined();
        expect(pool.peek(repos[2]?.repo ?? "")).toBeDefined();
      });

      it("ends idle processes", async () => {
        const { repo, head } = await repoWithFiles(1);
        const pool = newPool({ idleMs: 100 });
        await pool.read(repo, head);
        const reader = pool.peek(repo);
        expect(pool.size).toBe(1);
        for (let i = 0; i < 50 && reader?.closed === false; i++) await sleep(50);
        expect(reader?.closed).toBe(true);
        expect(pool.size).toBe(0);
        expect((await pool.read(repo, head))?.oid).toBe(head);
      });
    });

    describe("CatFileReader", () => {
      it("refuses specs that would smuggle in another command", async () => {
        const { repo, head } = await repoWithFiles(1);
        const reader = new CatFileReader(repo);
        try {
          await expect(reader.read(`${head}\ncontents ${head}`)).rejects.toBeInstanceOf(UnsafeGitInputError);
          await expect(reader.read("")).rejects.toBeInstanceOf(UnsafeGitInputError);
          expect((await reader.read(head))?.oid).toBe(head);
        } finally {
          await reader.close();
        }
      });

      it("finishes queued requests when closed", async () => {
        const { repo, head, changes } = await repoWithFiles(10);
        const reader = new CatFileReader(repo);
        const reads = changes.map((c) => reader.read(`${head}:${c.path}`));
        await reader.close();
        const results = await Promise.all(reads);
        expect(results.map((r) => r?.content.toString())).toEqual(changes.map((c) => c.content));
        await expect(reader.read(head)).rejects.toBeInstanceOf(GitError);
      });
    });
  });
