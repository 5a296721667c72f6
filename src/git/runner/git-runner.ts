import { fork, type ChildProcess } from "node:child_process";
import { getPriority } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../project-root.ts";
import type { GitProcess } from "../spawn.ts";
import { asBuffer, RunnerStream, type StreamMessage } from "./runner-stream.ts";

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

/** A streaming git command: stdin and stdout stay open while it runs. */
export interface StreamRequest {
  file: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
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
/**
 * How much lower than the server's the runner's CPU priority is (the nice value added), and so that of the git it
 * starts (about ten processes per commit): a burst of them waits for requests and the database, rather than they
 * for it.
 */
export const GIT_NICENESS = 10;
/** How long past a command's own timeout the runner may stay silent before the command is given up. */
const GRACE_MS = 10_000;

/**
 * Starts git commands in a small helper process (`runner-process.mjs`), so that starting them does not stop this
 * process's event loop (see there): to completion (`run`) or as streams (`open`). Started on first use, started
 * again if it dies; the commands it was running then fail like a git that could not start. It goes when this
 * process goes, once the commands it ran to completion have finished.
 */
export class GitRunner {
  private child: ChildProcess | null = null;
  private readonly pending = new Map<number, { child: ChildProcess; settle: (result: RunnerResult) => void; timer: NodeJS.Timeout | undefined }>();
  private readonly streams = new Map<number, { child: ChildProcess; stream: RunnerStream }>();
  private nextId = 0;

  /** Starts a streaming command; it behaves as `spawnGit`'s process does (its pid is known once git has started). */
  open(request: StreamRequest): GitProcess {
    const child = this.helper();
    const id = this.nextId++;
    const stream = new RunnerStream(request.args, (message) => this.post(child, { ...message, id }), () => {
      this.streams.delete(id);
      this.unrefWhenIdle();
    });
    this.streams.set(id, { child, stream });
    child.channel?.ref();
    this.post(child, { type: "open", id, ...request, args: [...request.args] });
    return stream;
  }

  run(request: RunnerRequest): Promise<RunnerResult> {
    const child = this.helper();
    const id = this.nextId++;
    return new Promise<RunnerResult>((resolve) => {
      const limit = request.timeoutMs + GRACE_MS;
      const timer = Number.isFinite(limit) ? setTimeout(() => this.settle(id, stopped("the git runner did not answer in time", true)), limit) : undefined;
      timer?.unref();
      this.pending.set(id, { child, settle: resolve, timer });
      child.channel?.ref();
      child.send({ type: "run", id, ...request, args: [...request.args], input: typeof request.input === "string" ? Buffer.from(request.input) : request.input }, (error) => {
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
    const child = fork(HELPER, [String(Math.min(19, getPriority() + GIT_NICENESS))], { execArgv: [], serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
    child.on("message", (message: (RunnerResult & { type: "result"; id: number }) | (StreamMessage & { id: number })) => {
      if (message.type === "result") {
        const { id, type: _type, ...result } = message;
        this.settle(id, { ...result, stdout: asBuffer(result.stdout) });
      } else {
        this.streams.get(message.id)?.stream.receive(message);
      }
    });
    child.once("exit", () => {
      if (this.child === child) this.child = null;
      for (const [id, waiting] of [...this.pending]) if (waiting.child === child) this.settle(id, stopped("the git runner stopped"));
      for (const { child: owner, stream } of [...this.streams.values()]) if (owner === child) stream.receive({ type: "exit", code: null, signal: null, timedOut: false, error: "the git runner stopped", stderr: "" });
    });
    child.unref();
    child.channel?.unref();
    this.child = child;
    return child;
  }

  private post(child: ChildProcess, message: object): void {
    if (child.connected) child.send(message, () => undefined);
  }

  private settle(id: number, result: RunnerResult): void {
    const waiting = this.pending.get(id);
    if (waiting === undefined) return;
    this.pending.delete(id);
    clearTimeout(waiting.timer);
    this.unrefWhenIdle();
    waiting.settle(result);
  }

  /** An idle runner does not keep this process alive. */
  private unrefWhenIdle(): void {
    if (this.pending.size === 0 && this.streams.size === 0) this.child?.channel?.unref();
  }
}

function stopped(error: string, timedOut = false): RunnerResult {
  return { code: null, signal: null, timedOut, error, stdout: Buffer.alloc(0), stderr: "", overflowed: false };
}
