import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hardenedEnvironment } from "../../src/git/environment.ts";
import { GitError, GitOutputLimitError, GitTimeoutError } from "../../src/git/errors.ts";
import { runGit, useGitRunner } from "../../src/git/run.ts";
import { spawnGit } from "../../src/git/spawn.ts";
import { streamBlob } from "../../src/git/blob.ts";
import { CatFileReader } from "../../src/git/cat-file.ts";
import { GIT_NICENESS } from "../../src/git/runner/git-runner.ts";
import { GIT_STARTS, commitOn, newBareRepo, startingGit, tempDir } from "./fixtures.ts";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// One suite for both ways runGit starts git: from this process, and from the git runner (what `serve` uses).
for (const where of GIT_STARTS) describe(`runGit, ${where}`, () => {
  startingGit(where);

  it("returns stdout as a buffer, stderr and the exit code", async () => {
    const result = await runGit(null, ["version"]);
    expect(result.code).toBe(0);
    expect(result.stdout.toString()).toMatch(/^git version \d+\.\d+/);
  });

  it("throws a GitError carrying the exit code and stderr", async () => {
    const repo = await newBareRepo();
    const error = await runGit(repo, ["cat-file", "-t", "0123456789012345678901234567890123456789"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).code).toBe(128);
    expect((error as GitError).stderr).toMatch(/could not get object info/);
    expect((error as GitError).message).toMatch(/^git cat-file exited with 128: fatal: /);
  });

  it("returns exit codes the caller allowed instead of throwing", async () => {
    const repo = await newBareRepo();
    const result = await runGit(repo, ["rev-parse", "--verify", "--quiet", "main"], { allowExitCodes: [1] });
    expect(result.code).toBe(1);
  });

  it("passes input on stdin", async () => {
    const repo = await newBareRepo();
    const { stdout } = await runGit(repo, ["hash-object", "--stdin"], { input: "hello\n" });
    expect(stdout.toString().trim()).toBe("ce013625030ba8dba906f756967f9e9ca394464a");
  });

  it("kills a process that runs past its timeout", async () => {
    const base = await tempDir();
    const started = Date.now();
    const args = ["daemon", "--listen=127.0.0.1", "--port=0", `--base-path=${base}`];
    const error = await runGit(null, args, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitTimeoutError);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("kills the whole process group on timeout, leaving nothing running", async () => {
    const repo = await newBareRepo();
    // stdin stays open, so cat-file would wait for requests forever
    const proc = spawnGit(repo, ["cat-file", "--batch"], { timeoutMs: 200 });
    const exit = await proc.exited;
    expect(exit.timedOut).toBe(true);
    expect(exit.signal).toBe("SIGKILL");
    expect(proc.pid).toBeDefined();
    expect(isAlive(-(proc.pid ?? 0))).toBe(false);
  });

  it("stops and fails when output exceeds the cap", async () => {
    const repo = await newBareRepo();
    const head = await commitOn(repo, null, [{ path: "big.bin", content: Buffer.alloc(1024 * 1024, 7) }]);
    const error = await runGit(repo, ["cat-file", "-p", `${head}:big.bin`], { maxOutputBytes: 1000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitOutputLimitError);
    const ok = await runGit(repo, ["cat-file", "-p", `${head}:big.bin`]);
    expect(ok.stdout.length).toBe(1024 * 1024);
  });
});

const processesWith = (text: string) => readdirSync("/proc").filter((p) => /^\d+$/.test(p)).filter((pid) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(text);
  } catch {
    return false;
  }
});

/** A repository whose main holds one blob of `bytes` random bytes. */
async function repoWithRandomBlob(bytes: number): Promise<{ repo: string; content: Buffer; oid: string }> {
  const repo = await newBareRepo();
  const content = randomBytes(bytes);
  await commitOn(repo, null, [{ path: "big.bin", content }]);
  const oid = (await runGit(repo, ["rev-parse", "main:big.bin"])).stdout.toString().trim();
  return { repo, content, oid };
}

describe("the git runner", () => {
  const isOurs = (pid: string) => {
    try {
      return readFileSync(`/proc/${pid}/status`, "utf8").includes(`PPid:\t${process.pid}\n`);
    } catch {
      return false;
    }
  };
  const helpers = () => processesWith("runner-process.mjs").filter(isOurs);

  it("starts again after it dies, failing only the command it was running", async () => {
    const stop = useGitRunner();
    const base = await tempDir();
    try {
      expect((await runGit(null, ["version"])).code).toBe(0);
      const [pid] = helpers();
      expect(pid).toBeDefined();
      const running = runGit(null, ["daemon", "--listen=127.0.0.1", "--port=0", `--base-path=${base}`], { timeoutMs: 30_000 }).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 300));
      process.kill(Number(pid), "SIGKILL");
      const error = await running;
      expect(error).toBeInstanceOf(GitError);
      expect((error as GitError).message).toMatch(/could not start: the git runner stopped/);
      expect((await runGit(null, ["version"])).stdout.toString()).toMatch(/^git version/);
      expect(helpers()).not.toContain(pid);
      expect(helpers()).toHaveLength(1);
    } finally {
      stop();
      // The killed runner could not stop the daemon it had started (a SIGKILL leaves no time to).
      for (const pid of processesWith(`--base-path=${base}`)) process.kill(Number(pid), "SIGKILL");
    }
  });

  it("starts git below this process's CPU priority (a burst of git then waits for requests)", async () => {
    const stop = useGitRunner();
    const base = await tempDir();
    // The nice value: field 19 of /proc/PID/stat, counted after the command name's closing parenthesis.
    const niceness = (pid: string | number) => Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[16]);
    try {
      const running = runGit(null, ["daemon", "--listen=127.0.0.1", "--port=0", `--base-path=${base}`], { timeoutMs: 30_000 }).catch(() => undefined);
      let daemon: string | undefined;
      for (let i = 0; i < 100 && daemon === undefined; i++) {
        [daemon] = processesWith(`--base-path=${base}`);
        if (daemon === undefined) await new Promise((r) => setTimeout(r, 50));
      }
      expect(daemon).toBeDefined();
      expect(niceness(daemon!)).toBe(Math.min(19, niceness(process.pid) + GIT_NICENESS));
      for (const pid of processesWith(`--base-path=${base}`)) process.kill(Number(pid), "SIGKILL");
      await running;
    } finally {
      stop();
      for (const pid of processesWith(`--base-path=${base}`)) process.kill(Number(pid), "SIGKILL");
    }
  });

  it("lets a command under way finish when the server goes, then goes too", async () => {
    const repo = await newBareRepo();
    const file = join(await tempDir(), "big.bin");
    await writeFile(file, randomBytes(64 * 1024 * 1024));
    const stop = useGitRunner();
    const expected = (await runGit(repo, ["hash-object", file])).stdout.toString().trim();
    const writing = runGit(repo, ["hash-object", "-w", file]).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    stop();
    const error = await writing;
    expect(error).toBeInstanceOf(GitError);
    for (let i = 0; i < 100 && helpers().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(helpers()).toHaveLength(0);
    expect((await runGit(repo, ["cat-file", "-t", expected])).stdout.toString().trim()).toBe("blob");
  });

  it("relays a stream's stdout in order, holding git back while nobody reads", async () => {
    const { repo, content, oid } = await repoWithRandomBlob(8 * 1024 * 1024);
    const stop = useGitRunner();
    try {
      const proc = spawnGit(repo, ["cat-file", "blob", oid]);
      proc.stdin.end();
      await new Promise((r) => setTimeout(r, 500));
      // Unread, at most the runner's window (1 MiB) plus what was in flight has arrived, not the 8 MiB.
      expect(proc.stdout.readableLength).toBeGreaterThan(0);
      expect(proc.stdout.readableLength).toBeLessThan(2 * 1024 * 1024);
      const chunks: Buffer[] = [];
      for await (const chunk of proc.stdout) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).equals(content)).toBe(true);
      expect((await proc.exited).code).toBe(0);
      expect(proc.pid).toBeGreaterThan(0);
      const streamed: Buffer[] = [];
      for await (const chunk of streamBlob(repo, oid)) streamed.push(chunk as Buffer);
      expect(Buffer.concat(streamed).equals(content)).toBe(true);
    } finally {
      stop();
    }
  });

  it("settles a stream's exit only after its reader has had every byte (a slow reader of a blob gets it whole)", async () => {
    const { repo, content, oid } = await repoWithRandomBlob(2 * 1024 * 1024);
    const stop = useGitRunner();
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of streamBlob(repo, oid)) {
        chunks.push(chunk as Buffer);
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(Buffer.concat(chunks).equals(content)).toBe(true);
    } finally {
      stop();
    }
  });

  it("fails a stream like a git that stopped when the runner dies, and starts again", async () => {
    const repo = await newBareRepo();
    const head = await commitOn(repo, null, [{ path: "a.txt", content: "a\n" }]);
    const stop = useGitRunner();
    try {
      const reader = new CatFileReader(repo);
      expect((await reader.read(`${head}:a.txt`))?.content.toString()).toBe("a\n");
      const [pid] = helpers();
      process.kill(Number(pid), "SIGKILL");
      await reader.close();
      expect(reader.closed).toBe(true);
      const error = await reader.read(`${head}:a.txt`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GitError);
      const again = new CatFileReader(repo);
      expect((await again.read(`${head}:a.txt`))?.content.toString()).toBe("a\n");
      await again.close();
      expect(helpers()).not.toContain(pid);
    } finally {
      stop();
    }
  });

  it("kills its streams when the server goes (they only read), then goes too", async () => {
    const repo = await newBareRepo();
    const stop = useGitRunner();
    // stdin stays open, so this cat-file would wait for requests forever.
    const proc = spawnGit(repo, ["cat-file", "--batch"], { timeoutMs: Infinity });
    for (let i = 0; i < 50 && proc.pid === undefined; i++) await new Promise((r) => setTimeout(r, 20));
    expect(isAlive(proc.pid ?? 0)).toBe(true);
    stop();
    for (let i = 0; i < 100 && (helpers().length > 0 || isAlive(proc.pid ?? 0)); i++) await new Promise((r) => setTimeout(r, 100));
    expect(helpers()).toHaveLength(0);
    expect(processesWith(repo)).toHaveLength(0);
    const exit = await proc.exited;
    expect(exit.error?.message).toBe("the git runner stopped");
  });

  it("goes when it is stopped", async () => {
    const stop = useGitRunner();
    await runGit(null, ["version"]);
    expect(helpers()).toHaveLength(1);
    stop();
    for (let i = 0; i < 50 && helpers().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(helpers()).toHaveLength(0);
  });
});

describe("the hardened environment", () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  it("keeps only PATH from the server's environment and isolates config and HOME", () => {
    process.env.GIT_DIR = "/somewhere/else";
    process.env.GIT_CONFIG_PARAMETERS = "'core.hookspath'='/tmp/evil'";
    const env = hardenedEnvironment({ GIT_INDEX_FILE: "/tmp/index", GIT_CONFIG_GLOBAL: "/tmp/evil-config" });
    expect(env.GIT_DIR).toBeUndefined();
    expect(env.GIT_CONFIG_PARAMETERS).toBeUndefined();
    expect(env.GIT_INDEX_FILE).toBe("/tmp/index");
    expect(env.GIT_CONFIG_GLOBAL).toBe("/dev/null");
    expect(env.GIT_CONFIG_NOSYSTEM).toBe("1");
    expect(env.GIT_TERMINAL_PROMPT).toBe("0");
    expect(env.LC_ALL).toBe("C");
    expect(env.HOME).not.toBe(process.env.HOME);
    expect(env.GIT_PROTOCOL).toBeUndefined();
  });

  it("does not let inherited GIT_* variables or config reach git", async () => {
    const repo = await newBareRepo();
    const other = await newBareRepo();
    await runGit(other, ["config", "user.name", "From the other repo"]);
    process.env.GIT_DIR = other;
    process.env.GIT_CONFIG_PARAMETERS = "'user.name'='Leaked Name'";
    process.env.GIT_CONFIG_GLOBAL = "/etc/passwd";

    const error = await runGit(null, ["rev-parse", "--git-dir"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).stderr).toMatch(/not a git repository/);

    const config = (await runGit(repo, ["config", "--list"])).stdout.toString();
    expect(config).not.toMatch(/Leaked Name|From the other repo/);
    expect(config).toMatch(/^core\.hookspath=\/dev\/null$/m);
    expect(config).toMatch(/^protocol\.allow=never$/m);
  });

  it("refuses to fetch from any remote", async () => {
    const repo = await newBareRepo();
    const source = await newBareRepo();
    await commitOn(source, null, [{ path: "a", content: "a" }]);
    const error = await runGit(repo, ["fetch", source, "main"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).stderr).toMatch(/transport 'file' not allowed/);
  });

  it("refuses a malformed GIT_PROTOCOL value before starting git", async () => {
    expect(() => spawnGit(null, ["version"], { gitProtocol: "version=2\nx" })).toThrow(/unsafe protocol/);
  });
});
