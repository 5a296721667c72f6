import { Readable, Writable } from "node:stream";
import type { GitExit, GitProcess } from "../spawn.ts";

/** What the runner sends about one stream. */
export type StreamMessage =
  | { type: "started"; pid: number }
  | { type: "stdout"; data: Uint8Array }
  | { type: "exit"; code: number | null; signal: NodeJS.Signals | null; timedOut: boolean; error?: string; stderr: string };

/** What this side sends about one stream (the runner adds nothing: the id is added by GitRunner). */
export type StreamControl = { type: "stdin"; data: Buffer } | { type: "end" } | { type: "kill" } | { type: "ack"; bytes: number };

/**
 * A git process started by the git runner, seen as `spawnGit`'s: stdin and stdout are streams here whose bytes
 * travel as messages. stdout is acknowledged as it is consumed, so a slow reader holds git back rather than
 * filling this process's memory.
 */
export class RunnerStream implements GitProcess {
  /** git's pid, once the runner has started it. */
  pid: number | undefined = undefined;
  readonly args: readonly string[];
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly exited: Promise<GitExit>;
  private stderrText = "";
  private owed = 0;
  private done = false;
  private settleExit!: (exit: GitExit) => void;

  constructor(
    args: readonly string[],
    private readonly post: (message: StreamControl) => void,
    private readonly onExit: () => void,
  ) {
    this.args = args;
    this.exited = new Promise((settle) => (this.settleExit = settle));
    this.stdout = new Readable({ read: () => this.acknowledge() });
    this.stdin = new Writable({
      write: (chunk: Buffer, _encoding, callback) => {
        if (!this.done) this.post({ type: "stdin", data: chunk });
        callback();
      },
      final: (callback) => {
        if (!this.done) this.post({ type: "end" });
        callback();
      },
    });
    // As with a real pipe: writing after git has gone surfaces through the exit status, not as an error here.
    this.stdin.on("error", () => undefined);
  }

  stderr(): string {
    return this.stderrText;
  }

  kill(): void {
    if (!this.done) this.post({ type: "kill" });
  }

  /** A message from the runner about this stream. */
  receive(message: StreamMessage): void {
    if (this.done) return;
    if (message.type === "started") {
      this.pid = message.pid;
      return;
    }
    if (message.type === "stdout") {
      const chunk = asBuffer(message.data);
      this.owed += chunk.length;
      if (this.stdout.push(chunk)) this.acknowledge();
      return;
    }
    this.done = true;
    this.stderrText = message.stderr;
    if (!this.stdin.destroyed) this.stdin.destroy();
    this.onExit();
    // As a local child's "close": settled once stdout has been read to its end (or destroyed), so that a caller
    // who ends its own output on exit never ends it before the last bytes; stdout nobody listens to is drained.
    const exit: GitExit = { code: message.code, signal: message.signal, timedOut: message.timedOut, ...(message.error === undefined ? {} : { error: new Error(message.error) }) };
    if (this.stdout.closed) this.settleExit(exit);
    else this.stdout.once("close", () => this.settleExit(exit));
    this.stdout.push(null);
    if (this.stdout.readableFlowing === null) this.stdout.resume();
  }

  private acknowledge(): void {
    if (this.owed === 0 || this.done) return;
    this.post({ type: "ack", bytes: this.owed });
    this.owed = 0;
  }
}

/** Buffers cross the runner's channel as Uint8Array; this views the same memory as a Buffer. */
export function asBuffer(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
