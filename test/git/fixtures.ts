import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { createCommit } from "../../src/git/commit.ts";
import type { FileChange } from "../../src/git/commit.ts";
import { initBare } from "../../src/git/init.ts";
import { useGitRunner } from "../../src/git/run.ts";

const created: string[] = [];

afterAll(async () => {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh directory, removed after the test file finishes. */
export async function tempDir(prefix = "evalhub-git-test-"): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export async function newBareRepo(): Promise<string> {
  const repo = join(await tempDir(), "repo.git");
  await initBare(repo);
  return repo;
}

export const alice = { name: "Alice Example", email: "alice@example.org" };
export const bob = { name: "Bob Example", email: "bob@example.org" };

/** Commits `changes` on top of `parent` and moves `ref` (default main) from `parent`; fails the test on a conflict. */
export async function commitOn(
  repo: string,
  parent: string | null,
  changes: readonly FileChange[],
  options: { ref?: string; expectedHead?: string | null; message?: string; date?: Date } = {},
): Promise<string> {
  const result = await createCommit(repo, {
    parent,
    branchRef: options.ref ?? "refs/heads/main",
    expectedHead: options.expectedHead === undefined ? parent : options.expectedHead,
    changes,
    message: options.message ?? "test commit",
    author: alice,
    date: options.date,
  });
  if (!result.ok) throw new Error(`unexpected ref conflict: ${JSON.stringify(result)}`);
  return result.commit;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

let clientHome: string | undefined;

/**
 * The real git CLI acting as a client (clone, push, fetch), with its own HOME and config so the
 * machine's settings cannot change the outcome. Never throws on a non-zero exit.
 */
export async function cli(cwd: string, args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  if (clientHome === undefined) {
    clientHome = await tempDir("evalhub-git-client-");
    await writeFile(
      join(clientHome, ".gitconfig"),
      "[user]\n\tname = Test Client\n\temail = client@example.org\n[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n",
    );
  }
  const home = clientHome;
  return new Promise((resolve) => {
    execFile(
      "git",
      args,
      {
        cwd,
        env: {
          PATH: process.env.PATH ?? "/usr/bin:/bin",
          HOME: home,
          GIT_CONFIG_NOSYSTEM: "1",
          GIT_CONFIG_GLOBAL: join(home, ".gitconfig"),
          GIT_TERMINAL_PROMPT: "0",
          LC_ALL: "C",
          ...env,
        },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Like cli, but fails the test with git's stderr when git fails. */
export async function cliOk(cwd: string, args: readonly string[], env: Record<string, string> = {}): Promise<string> {
  const result = await cli(cwd, args, env);
  if (result.code !== 0) throw new Error(`git ${args.join(" ")} failed (${result.code}):\n${result.stderr}`);
  return result.stdout;
}

/** The two ways git is started: from this process, and from the git runner (what `evalhub serve` does). */
export const GIT_STARTS = ["here", "in the git runner"] as const;

/** In the enclosing describe, starts git the way `where` says. */
export function startingGit(where: (typeof GIT_STARTS)[number]): void {
  let stop = () => {};
  beforeAll(() => {
    if (where === "in the git runner") stop = useGitRunner();
  });
  afterAll(() => stop());
}
