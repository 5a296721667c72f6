import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { PROJECT_ROOT } from "../project-root.ts";
import { sharedRead } from "./shared-read.ts";

const THREAD = join(PROJECT_ROOT, "src/db/version-reader-thread.mjs");
/** How long `close` lets the thread end its connection before stopping it. */
const CLOSE_WAIT_MS = 2_000;
/** A thread that stops on its own this many times is not started again: reads go through the pool. */
const MAX_STARTS = 5;

export interface VersionReaderHandle {
  /** The committed read version; undefined when it cannot be read here (the caller then asks through its pool). */
  read: () => Promise<number | undefined>;
  close: () => Promise<void>;
}

/**
 * PostgreSQL's read version from a worker thread with a connection of its own (`version-reader-thread.mjs`).
 * Through the pool the read waited whenever all its connections were busy with writes; on the main thread its
 * query cost every request about 0.2 ms of the thread that serves them. One read is out at a time, shared by the
 * requests that ask meanwhile (`sharedRead`). A thread that stops is started again on the next read, up to
 * `MAX_STARTS` times; the reads it had in flight, and all reads after that, fall back to the pool.
 */
export function threadedVersionReader(connectionString: string): VersionReaderHandle {
  let worker: Worker | null = null;
  let closed = false;
  let starts = 0;
  let lastId = 0;
  const waiting = new Map<number, (version: number | undefined) => void>();
  const giveUpAll = () => {
    for (const answer of waiting.values()) answer(undefined);
    waiting.clear();
  };
  const started = (): Worker | null => {
    if (worker !== null || closed || starts >= MAX_STARTS) return worker;
    starts++;
    const thread = new Worker(THREAD, { workerData: { connectionString } });
    thread.on("message", ({ id, version }: { id: number; version: number | null }) => {
      const answer = waiting.get(id);
      waiting.delete(id);
      answer?.(version ?? undefined);
    });
    thread.on("error", () => undefined);
    thread.on("exit", () => {
      if (worker === thread) worker = null;
      giveUpAll();
    });
    thread.unref();
    worker = thread;
    return thread;
  };
  const read = sharedRead(
    () =>
      new Promise<number | undefined>((resolve) => {
        const thread = started();
        if (thread === null) return resolve(undefined);
        const id = ++lastId;
        waiting.set(id, resolve);
        thread.postMessage({ id });
      }),
  );
  const close = async () => {
    closed = true;
    const thread = worker;
    if (thread === null) return;
    const exited = new Promise<void>((resolve) => thread.once("exit", () => resolve()));
    thread.postMessage({ close: true });
    const timer = setTimeout(() => void thread.terminate(), CLOSE_WAIT_MS);
    await exited;
    clearTimeout(timer);
  };
  return { read, close };
}
