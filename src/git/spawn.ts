import { spawn } from "node:child_process";
import { resolve } from "node:path";
import type { Readable, Writable } from "node:stream";
import { gitBinary, hardenedEnvironment, SAFETY_CONFIG, safeHome } from "./environment.ts";
import { UnsafeGitInputError } from "./errors.ts";
import { activeGitRunner } from "./runner/active-runner.ts";

export interface SpawnGitOptions {
  /** Extra variables such as GIT_INDEX_FILE or GIT_AUTHOR_NAME; they cannot override the hardened ones. */
  env?: Readonly<Record<string, string>>;
  /** Extra `key=value` settings passed with `-c` for this call only. */
  config?: readonly string[];
  /** Kill the process group after this many milliseconds. Default 60 s; `Infinity` for none. */
  timeoutMs?: number;
  /** The client's `Git-Protocol` header (smart HTTP only); validated, then passed as GIT_PROTOCOL. */
  gitProtocol?: string;
  /**
   * Start git from this process even when the git runner is in use: for smart HTTP, whose packs would otherwise
   * cross one more pipe (a clone's throughput is a target of its own, see docs/benchmarks.md).
   */
  direct?: boolean;
}

export interface GitExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** Set when the process could not be started at all. */
  error?: Error;
}

export interface GitProcess {
  readonly pid: number | undefined;
  /** The full argument list, hardening included (for error messages and logs). */
  readonly args: readonly string[];
  readonly stdin: Writable;
  readonly stdout: Readable;
  /** What the process wrote to stderr so far, capped at 64 KiB. */
  stderr(): string;
  /** Settles once the process has exited and its pipes are closed. Never rejects. */
  readonly exited: Promise<GitExit>;
  /** Kills the process and everything it started. */
  kill(): void;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
const STDERR_LIMIT = 64 * 1024;
const GIT_PROTOCOL_PATTERN = /^[0-9A-Za-z]+=[0-9A-Za-z]+(:[0-9A-Za-z]+=[0-9A-Za-z]+)*$/;

/**
 * Starts git with piped stdio, without a shell, in its own process group. With a repository path,
 * git gets `--git-dir` (no repository discovery) and that path as its only `safe.directory`.
 * When the git runner is in use (a server), git starts there and its pipes are relayed.
 */
export function spawnGit(repoPath: string | null, args: readonly string[], options: SpawnGitOptions = {}): GitProcess {
  const { file, args: fullArgs, cwd, env } = gitCommand(repoPath, args, options);
  const runner = options.direct === true ? null : activeGitRunner();
  if (runner !== null) return runner.open({ file, args: fullArgs, cwd, env, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
  const child = spawn(file, fullArgs, {
    cwd,
    env,
    stdio: ["pipe", "pipe", "pipe"],
    // Its own process group, so a kill also reaches pack-objects, index-pack and friends.
    detached: true,
  });

  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (text: string) => {
    if (stderr.length < STDERR_LIMIT) stderr += text.slice(0, STDERR_LIMIT - stderr.length);
  });
  // A process that exits early closes its stdin; that surfaces through the exit status instead.
  child.stdin.on("error", () => {});

  let closed = false;
  let timedOut = false;
  const kill = (): void => {
    if (closed || child.pid === undefined) return;
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      child.kill("SIGKILL");
    }
  };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timer = Number.isFinite(timeoutMs)
    ? setTimeout(() => {
        timedOut = true;
        kill();
      }, timeoutMs)
    : undefined;
  timer?.unref();

  const exited = new Promise<GitExit>((settle) => {
    child.once("error", (error) => {
      closed = true;
      clearTimeout(timer);
      settle({ code: null, signal: null, timedOut, error });
    });
    child.once("close", (code, signal) => {
      closed = true;
      clearTimeout(timer);
      settle({ code, signal, timedOut });
    });
  });

  return {
    pid: child.pid,
    args: fullArgs,
    stdin: child.stdin,
    stdout: child.stdout,
    stderr: () => stderr,
    exited,
    kill,
  };
}

/** What starting git means for these arguments: the binary, the full argument list, the folder and the environment. */
export function gitCommand(repoPath: string | null, args: readonly string[], options: SpawnGitOptions = {}): { file: string; args: string[]; cwd: string; env: NodeJS.ProcessEnv } {
  const gitDir = repoPath === null ? null : resolve(repoPath);
  const env = hardenedEnvironment(options.env);
  if (options.gitProtocol !== undefined) env.GIT_PROTOCOL = checkedGitProtocol(options.gitProtocol);
  return { file: gitBinary(), args: [...globalArgs(gitDir, options.config ?? []), ...args], cwd: safeHome(), env };
}

function globalArgs(gitDir: string | null, extraConfig: readonly string[]): string[] {
  const config = [...SAFETY_CONFIG, ...extraConfig];
  if (gitDir !== null) config.push(`safe.directory=${gitDir}`);
  const args = config.flatMap((setting) => ["-c", setting]);
  if (gitDir !== null) args.push(`--git-dir=${gitDir}`);
  return args;
}

/** A well-formed `Git-Protocol` value such as `version=2`. */
export function isValidGitProtocol(value: string): boolean {
  return GIT_PROTOCOL_PATTERN.test(value);
}

function checkedGitProtocol(value: string): string {
  if (!isValidGitProtocol(value)) {
    throw new UnsafeGitInputError("protocol", value, "expected key=value pairs joined by ':'");
  }
  return value;
}
