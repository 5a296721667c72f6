import { execFile } from "node:child_process";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { expect } from "vitest";
import { fsck } from "../../src/git/fsck.ts";
import { EVALHUB_BIN, type HubProcess } from "./hub-process.ts";

/** `RELIABILITY_SCALE=full` runs the long versions recorded in docs/reliability.md; anything else the CI ones. */
export const FULL_SCALE = process.env.RELIABILITY_SCALE === "full";
export const atScale = <T>(ci: T, full: T): T => (FULL_SCALE ? full : ci);

/** `evalhub ARGS…` on the hub's data folder and database, with its exit code. */
export function evalhubCli(env: NodeJS.ProcessEnv, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [EVALHUB_BIN, ...args], { env, encoding: "utf8", timeout: 300_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : -1, stdout, stderr });
    });
  });
}

/** `evalhub reindex --verify` must find nothing. */
export async function expectIndexEqualsGit(hub: Pick<HubProcess, "env">): Promise<void> {
  const run = await evalhubCli(hub.env, ["reindex", "--verify"]);
  expect(run.stdout, run.stderr).toMatch(/^0 differences$/m);
  expect(run.code).toBe(0);
}

/** Every bare repository under the data folder. */
export async function bareRepositories(dataDir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (!entry.isDirectory()) continue;
      const path = join(dir, entry.name);
      if (entry.name.endsWith(".git")) found.push(path);
      else if (depth < 3) await walk(path, depth + 1);
    }
  };
  await walk(join(dataDir, "repos"), 0);
  return found.sort();
}

/** `git fsck --full --strict` of every repository is clean; returns how many were checked. */
export async function expectGitFsckClean(dataDir: string): Promise<number> {
  const repos = await bareRepositories(dataDir);
  for (const repo of repos) {
    const report = await fsck(repo);
    expect(report.problems, repo).toEqual([]);
    expect(report.ok).toBe(true);
  }
  return repos.length;
}

export async function waitUntil(what: string, probe: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** Runs `tasks` with at most `limit` at a time, keeping their order in the results. */
export async function inParallel<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await (tasks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** Prints a figure for docs/reliability.md (visible with vitest's default reporter). */
export function report(line: string): void {
  process.stdout.write(`[reliability] ${line}\n`);
}
