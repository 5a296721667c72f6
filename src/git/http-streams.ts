import { pipeline, Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { createGunzip } from "node:zlib";
import { GitError, GitTimeoutError } from "./errors.ts";
import { checkedExitCode } from "./run.ts";
import type { GitProcess } from "./spawn.ts";

/** The request body as a Node stream, un-gzipped when the client compressed it. Null for an encoding we do not accept. */
export function requestBody(request: Request): Readable | null {
  const body = request.body === null ? Readable.from([]) : Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>);
  const encoding = (request.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding === "identity") return body;
  if (encoding !== "gzip" && encoding !== "x-gzip") return null;
  // pipeline destroys both streams when either fails, so a broken gzip stream ends the iteration with an error.
  return pipeline(body, createGunzip(), () => {});
}

/** Feeds `source` into git's stdin with backpressure. If the source fails (client gone, bad gzip), git is killed. */
export async function pumpInto(proc: GitProcess, source: AsyncIterable<Uint8Array>): Promise<void> {
  try {
    for await (const chunk of source) {
      if (proc.stdin.write(chunk)) continue;
      const state = await Promise.race([
        new Promise<"drained">((resolve) => proc.stdin.once("drain", () => resolve("drained"))),
        proc.exited.then(() => "exited" as const),
      ]);
      if (state === "exited") return;
    }
    proc.stdin.end();
  } catch {
    proc.kill();
  }
}

export async function* replay(head: Buffer, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (head.length > 0) yield head;
  for (;;) {
    const next = await rest.next();
    if (next.done === true) return;
    yield next.value;
  }
}

/** Reads and discards what is left of a request body, so the client can finish sending before it gets the answer. */
export async function drain(rest: AsyncIterator<Uint8Array>): Promise<void> {
  try {
    while ((await rest.next()).done !== true);
  } catch {
    // the client went away; nothing left to answer
  }
}

export interface ProcessResponseInit {
  headers: Record<string, string>;
  /** Sent before git's output. */
  prefix?: Buffer;
  /** Runs after git exited successfully and before the response ends. */
  onSuccess?: () => Promise<void>;
  /** Failures after the response started; the client then sees a broken transfer. */
  onError: (error: unknown) => void;
  /** Aborting it (client disconnected) kills git. */
  signal?: AbortSignal;
}

/**
 * A streaming Response of git's stdout. It waits for git's first output so that a git that fails
 * straight away becomes a 500 instead of an empty 200. Output is pulled only as fast as the
 * client reads it; cancelling the body kills git.
 */
export async function processResponse(proc: GitProcess, init: ProcessResponseInit): Promise<Response> {
  init.signal?.addEventListener("abort", () => proc.kill(), { once: true });
  const output = proc.stdout[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let first: IteratorResult<Buffer>;
  try {
    first = await output.next();
    if (first.done === true) checkedExitCode(proc, await proc.exited, []);
  } catch (error) {
    proc.kill();
    // git read the request and gave up on it before answering (a bad pkt-line, a truncated or corrupt pack): the
    // client's fault, told in git's own words. Not starting, a timeout or a signal stay server errors.
    if (error instanceof GitError && !(error instanceof GitTimeoutError) && error.code !== null && error.code !== 0) {
      const reason = error.stderr.split("\n").find((line) => line.trim() !== "")?.trim().replace(/\/[^\s'"]+/g, "…") ?? `git exited with ${error.code}`;
      return new Response(`git could not process the request: ${reason}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    init.onError(error);
    return new Response("git failed\n", { status: 500, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }

  let ended = first.done === true;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (init.prefix !== undefined && init.prefix.length > 0) controller.enqueue(init.prefix);
      if (first.done !== true) controller.enqueue(first.value);
    },
    async pull(controller) {
      try {
        if (!ended) {
          const next = await output.next();
          if (next.done !== true) return controller.enqueue(next.value);
          ended = true;
        }
        checkedExitCode(proc, await proc.exited, []);
        await init.onSuccess?.();
        controller.close();
      } catch (error) {
        init.onError(error);
        controller.error(error);
      }
    },
    cancel() {
      proc.kill();
    },
  });
  return new Response(body, { status: 200, headers: init.headers });
}
