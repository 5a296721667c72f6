import { GitError, GitObjectTooLargeError, GitTimeoutError, UnsafeGitInputError } from "./errors.ts";
import type { GitProcess } from "./spawn.ts";
import { spawnGit } from "./spawn.ts";

export type ObjectType = "blob" | "tree" | "commit" | "tag";

export interface ObjectInfo {
  oid: string;
  type: ObjectType;
  size: number;
}

export interface GitObject extends ObjectInfo {
  content: Buffer;
}

export interface CatFileOptions {
  /** Fail every queued request and restart when one gets no answer for this long. Default 30 s. */
  requestTimeoutMs?: number;
  /** Larger objects are skipped and their read fails with GitObjectTooLargeError. Default 64 MiB. */
  maxObjectBytes?: number;
  /** End the process after this long without requests. Default: keep it until close(). */
  idleMs?: number;
}

type Command = "info" | "contents";

interface Request {
  command: Command;
  spec: string;
  maxBytes: number;
  resolve: (value: GitObject | ObjectInfo | null) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

interface Body {
  info: ObjectInfo;
  /** Bytes still to come, including the newline git writes after the content. */
  remaining: number;
  chunks: Buffer[];
  /** The cap of the request it answers: a larger object is skipped. */
  maxBytes: number;
}

const HEADER = /^([0-9a-f]{40}) (blob|tree|commit|tag) ([0-9]+)$/;
const CONTROL_CHARACTER = /[\x00-\x1f\x7f]/;

/**
 * One long-lived `git cat-file --batch-command` process for one repository. Requests are
 * pipelined: each is written at once and answers are matched to requests in order, which is the
 * order git answers them in. If the process dies, every unanswered request fails and the reader
 * is closed; a pool replaces it on the next request.
 */
export class CatFileReader {
  readonly repoPath: string;
  private readonly process: GitProcess;
  private readonly queue: Request[] = [];
  private readonly requestTimeoutMs: number;
  private readonly maxObjectBytes: number;
  private readonly idleMs: number | undefined;
  private header: Buffer[] = [];
  private body: Body | null = null;
  private idleTimer: NodeJS.Timeout | undefined;
  private isClosed = false;

  constructor(repoPath: string, options: CatFileOptions = {}) {
    this.repoPath = repoPath;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.maxObjectBytes = options.maxObjectBytes ?? 64 * 1024 * 1024;
    this.idleMs = options.idleMs;
    this.process = spawnGit(repoPath, ["cat-file", "--batch-command"], { timeoutMs: Infinity });
    this.process.stdout.on("data", (chunk: Buffer) => this.receive(chunk));
    void this.process.exited.then((exit) => {
      this.isClosed = true;
      clearTimeout(this.idleTimer);
      if (this.queue.length === 0) return;
      const how = exit.error?.message ?? (exit.code === null ? `killed by ${exit.signal}` : `exit code ${exit.code}`);
      const reason = this.process.stderr().trim();
      this.failAll(
        new GitError(`git cat-file stopped (${how})${reason === "" ? "" : `: ${reason}`}`, {
          args: this.process.args,
          code: exit.code,
          signal: exit.signal,
          stderr: this.process.stderr(),
        }),
      );
    });
    this.armIdleTimer();
  }

  /** Content of an object named by id or `rev:path`; null when it does not exist. `maxBytes` lowers the reader's cap for this read. */
  read(spec: string, options: { maxBytes?: number } = {}): Promise<GitObject | null> {
    return this.send("contents", spec, Math.min(options.maxBytes ?? Infinity, this.maxObjectBytes)) as Promise<GitObject | null>;
  }

  /** Type and size only (the `--batch-check` answer); null when the object does not exist. */
  info(spec: string): Promise<ObjectInfo | null> {
    return this.send("info", spec, this.maxObjectBytes) as Promise<ObjectInfo | null>;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  get pending(): number {
    return this.queue.length;
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  /** Lets queued requests finish, then ends the process. */
  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    this.process.stdin.end();
    await this.process.exited;
  }

  private send(command: Command, spec: string, maxBytes: number): Promise<GitObject | ObjectInfo | null> {
    if (spec.length === 0 || CONTROL_CHARACTER.test(spec)) {
      return Promise.reject(new UnsafeGitInputError("revision", spec, "empty or contains a control character"));
    }
    if (this.isClosed || !this.process.stdin.writable) {
      return Promise.reject(new GitError("git cat-file reader is closed", { args: this.process.args, code: null, signal: null, stderr: "" }));
    }
    clearTimeout(this.idleTimer);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.timeOut(), this.requestTimeoutMs);
      timer.unref();
      this.queue.push({ command, spec, maxBytes, resolve, reject, timer });
      this.process.stdin.write(`${command} ${spec}\n`);
    });
  }

  private receive(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.body !== null) {
        offset += this.receiveBody(chunk.subarray(offset));
        continue;
      }
      const newline = chunk.indexOf(0x0a, offset);
      if (newline === -1) {
        this.header.push(chunk.subarray(offset));
        return;
      }
      this.header.push(chunk.subarray(offset, newline));
      offset = newline + 1;
      const line = Buffer.concat(this.header).toString("utf8");
      this.header = [];
      this.receiveHeader(line);
    }
  }

  private receiveHeader(line: string): void {
    const request = this.queue[0];
    if (request === undefined) return this.protocolError(`unexpected output ${JSON.stringify(line)}`);
    const match = HEADER.exec(line);
    if (match === null) {
      // `<spec> missing` or `<spec> ambiguous`, echoing the request (which may contain spaces).
      if (line.endsWith(" missing") || line.endsWith(" ambiguous")) return this.answer(null);
      return this.protocolError(`unexpected header ${JSON.stringify(line)}`);
    }
    const info: ObjectInfo = { oid: match[1] ?? "", type: match[2] as ObjectType, size: Number(match[3]) };
    if (request.command === "info") return this.answer(info);
    this.body = { info, remaining: info.size + 1, chunks: [], maxBytes: request.maxBytes };
  }

  /** Consumes content bytes from the start of `data`; returns how many it used. */
  private receiveBody(data: Buffer): number {
    const body = this.body;
    if (body === null) return 0;
    const used = Math.min(body.remaining, data.length);
    if (body.info.size <= body.maxBytes) body.chunks.push(data.subarray(0, used));
    body.remaining -= used;
    if (body.remaining === 0) this.finishBody();
    return used;
  }

  private finishBody(): void {
    const body = this.body;
    if (body === null) return;
    this.body = null;
    if (body.info.size > body.maxBytes) {
      this.settle((request) => request.reject(new GitObjectTooLargeError(body.info.oid, body.info.size, body.maxBytes)));
      return;
    }
    const content = Buffer.concat(body.chunks).subarray(0, body.info.size);
    this.answer({ ...body.info, content });
  }

  private answer(value: GitObject | ObjectInfo | null): void {
    this.settle((request) => request.resolve(value));
  }

  private settle(complete: (request: Request) => void): void {
    const request = this.queue.shift();
    if (request === undefined) return;
    clearTimeout(request.timer);
    complete(request);
    this.armIdleTimer();
  }

  private armIdleTimer(): void {
    if (this.idleMs === undefined || this.queue.length > 0 || this.isClosed) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.close(), this.idleMs);
    this.idleTimer.unref();
  }

  private timeOut(): void {
    const failure = { args: this.process.args, code: null, signal: null, stderr: this.process.stderr() };
    this.failAll(new GitTimeoutError(`git cat-file gave no answer within ${this.requestTimeoutMs} ms`, failure));
    this.process.kill();
  }

  private protocolError(message: string): void {
    const failure = { args: this.process.args, code: null, signal: null, stderr: this.process.stderr() };
    this.failAll(new GitError(`git cat-file: ${message}`, failure));
    this.process.kill();
  }

  private failAll(error: Error): void {
    this.isClosed = true;
    for (const request of this.queue.splice(0)) {
      clearTimeout(request.timer);
      request.reject(error);
    }
  }
}

/** Runs `work` with a reader of its own, closed afterwards whatever happens. */
export async function withCatFileReader<T>(repoPath: string, work: (reader: CatFileReader) => Promise<T>, options: CatFileOptions = {}): Promise<T> {
  const reader = new CatFileReader(repoPath, options);
  try {
    return await work(reader);
  } finally {
    await reader.close();
  }
}
