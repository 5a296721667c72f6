import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../project-root.ts";

/** One git command for the runner: everything already checked and hardened by `spawn.ts`. */
export interface RunnerRequest {
  file: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  input: Buffer | string;
  timeoutMs: number;
  maxOutputBytes: number;
}

export interface RunnerResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** Set when git could not be started, or the runner itself stopped. */
  error?: string;
  stdout: Buffer;
  stderr: string;
  overflowed: boolean;
}

const HELPER = join(PROJECT_ROOT, "src/git/runner/runner-process.mjs");
/** How long past a command's own timeout the runner may stay silent before the command is given up. */
const GRACE_MS = 10_000;

/**
 * Runs git commands to completion in a small helper process (`runner-process.mjs`), so that starting them does
 * not stop this process's event loop (see there). Started on first use, started again if it dies; the commands
 * it was running then fail like a git that could not start. It goes when this process goes, once the commands it
 * started have finished.
 */
export class GitRunner {
  private child: ChildProcess | null = null;
  private readonly pending = new Map<number, { child: ChildProcess; settle: (result: RunnerResult) => void; timer: NodeJS.Timeout | undefined }>();
  private nextId = 0;

  run(request: RunnerRequest): Promise<RunnerResult> {
    const child = this.helper();
    const id = this.nextId++;
    return new Promise<RunnerResult>((resolve) => {
      const limit = request.timeoutMs + GRACE_MS;
      const timer = Number.isFinite(limit) ? setTimeout(() => this.settle(id, stopped("the git runner did not answer in time", true)), limit) : undefined;
      timer?.unref();
      this.pending.set(id, { child, settle: resolve, timer });
      if (this.pending.size === 1) child.channel?.ref();
      child.send({ id, ...request, args: [...request.args], input: typeof request.input === "string" ? Buffer.from(request.input) : request.input }, (error) => {
        if (error) this.settle(id, stopped(`the git runner could not be reached: ${error.message}`));
      });
    });
  }

  close(): void {
    const child = this.child;
    this.child = null;
    child?.disconnect();
  }

  private helper(): ChildProcess {
    if (this.child !== null && this.child.connected) return this.child;
    const child = fork(HELPER, [], { execArgv: [], serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
    child.on("message", (message: RunnerResult & { id: number }) => {
      const { id, ...result } = message;
      this.settle(id, { ...result, stdout: Buffer.from(result.stdout) });
    });
    child.once("exit", () => {
      if (this.child === child) this.child = null;
      for (const [id, waiting] of [...this.pending]) if (waiting.child === child) this.settle(id, stopped("the git runner stopped"));
    });
    child.unref();
    child.channel?.unref();
    this.child = child;
    return child;
  }

  private settle(id: number, result: RunnerResult): void {
    const waiting = this.pending.get(id);
    if (waiting === undefined) return;
    this.pending.delete(id);
    clearTimeout(waiting.timer);
    if (this.pending.size === 0) this.child?.channel?.unref();
    waiting.settle(result);
  }
}

function stopped(error: string, timedOut = false): RunnerResult {
  return { code: null, signal: null, timedOut, error, stdout: Buffer.alloc(0), stderr: "", overflowed: false };
}
