import { GitError, GitOutputLimitError, GitTimeoutError } from "./errors.ts";
import type { GitExit, GitProcess, SpawnGitOptions } from "./spawn.ts";
import { DEFAULT_TIMEOUT_MS, gitCommand, spawnGit } from "./spawn.ts";
import { activeGitRunner } from "./runner/active-runner.ts";
import type { GitRunner } from "./runner/git-runner.ts";

export { useGitRunner } from "./runner/active-runner.ts";

export interface RunGitOptions extends SpawnGitOptions {
  /** Written to stdin, which is then closed. Without it stdin is closed at once. */
  input?: Buffer | string;
  /** Kill the process and fail once stdout grows past this. Default 64 MiB. */
  maxOutputBytes?: number;
  /** Exit codes besides 0 that are answers rather than failures (e.g. 1 from `merge-base --is-ancestor`). */
  allowExitCodes?: readonly number[];
}

export interface GitResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

export const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/**
 * Runs one git command to completion and returns its output.
 * `args` must be trusted; values that come from users have to be validated first or placed after
 * `--end-of-options` / `--` by the caller.
 */
export async function runGit(repoPath: string | null, args: readonly string[], options: RunGitOptions = {}): Promise<GitResult> {
  const limit = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const runner = activeGitRunner();
  if (runner !== null) return runInRunner(runner, repoPath, args, options, limit);
  const proc = spawnGit(repoPath, args, options);
  const chunks: Buffer[] = [];
  let size = 0;
  let overflowed = false;

  proc.stdout.on("data", (chunk: Buffer) => {
    if (overflowed) return;
    size += chunk.length;
    if (size > limit) {
      overflowed = true;
      proc.kill();
      return;
    }
    chunks.push(chunk);
  });
  proc.stdin.end(options.input ?? "");

  const exit = await proc.exited;
  if (overflowed) {
    throw new GitOutputLimitError(`${describe(proc)} wrote more than ${limit} bytes`, failure(proc, exit));
  }
  const code = checkedExitCode(proc, exit, options.allowExitCodes ?? []);
  return { stdout: Buffer.concat(chunks, size), stderr: proc.stderr(), code };
}

async function runInRunner(runner: GitRunner, repoPath: string | null, args: readonly string[], options: RunGitOptions, limit: number): Promise<GitResult> {
  const command = gitCommand(repoPath, args, options);
  const result = await runner.run({ ...command, input: options.input ?? "", timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, maxOutputBytes: limit });
  const proc = { args: command.args, stderr: () => result.stderr };
  const exit: GitExit = { code: result.code, signal: result.signal, timedOut: result.timedOut, ...(result.error === undefined ? {} : { error: new Error(result.error) }) };
  if (result.overflowed) throw new GitOutputLimitError(`${describe(proc)} wrote more than ${limit} bytes`, failure(proc, exit));
  const code = checkedExitCode(proc, exit, options.allowExitCodes ?? []);
  return { stdout: result.stdout, stderr: result.stderr, code };
}

type Described = Pick<GitProcess, "args" | "stderr">;

/** Turns an exit status into a code the caller accepted, or the matching typed error. */
export function checkedExitCode(proc: Described, exit: GitExit, allowExitCodes: readonly number[]): number {
  if (exit.timedOut) throw new GitTimeoutError(`${describe(proc)} timed out`, failure(proc, exit));
  if (exit.error !== undefined) {
    throw new GitError(`${describe(proc)} could not start: ${exit.error.message}`, failure(proc, exit), { cause: exit.error });
  }
  if (exit.code === null) throw new GitError(`${describe(proc)} was killed by ${exit.signal}`, failure(proc, exit));
  if (exit.code !== 0 && !allowExitCodes.includes(exit.code)) {
    const reason = firstLine(proc.stderr());
    throw new GitError(`${describe(proc)} exited with ${exit.code}${reason === "" ? "" : `: ${reason}`}`, failure(proc, exit));
  }
  return exit.code;
}

function failure(proc: Described, exit: GitExit) {
  return { args: proc.args, code: exit.code, signal: exit.signal, stderr: proc.stderr() };
}

/** `git <subcommand>`, skipping the `-c` and `--git-dir` options we add ourselves. */
function describe(proc: Described): string {
  const args = proc.args;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "-c") i++;
    else if (arg !== undefined && !arg.startsWith("--git-dir=")) return `git ${arg}`;
  }
  return "git";
}

function firstLine(text: string): string {
  return text.trim().split("\n", 1)[0] ?? "";
}
