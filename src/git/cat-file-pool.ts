import { resolve } from "node:path";
import type { CatFileOptions, GitObject, ObjectInfo } from "./cat-file.ts";
import { CatFileReader } from "./cat-file.ts";

export interface CatFilePoolOptions extends CatFileOptions {
  /** Most processes kept at once; the least recently used one is closed first. Default 16. */
  maxProcesses?: number;
}

/**
 * Keeps one `git cat-file` reader per recently used repository. Readers end themselves after
 * `idleMs` (default 60 s) without requests; a reader whose process died is replaced on the next
 * request.
 */
export class CatFilePool {
  private readonly readers = new Map<string, CatFileReader>();
  private readonly maxProcesses: number;
  private readonly readerOptions: CatFileOptions;

  constructor(options: CatFilePoolOptions = {}) {
    const { maxProcesses = 16, idleMs = 60_000, ...rest } = options;
    this.maxProcesses = maxProcesses;
    this.readerOptions = { ...rest, idleMs };
  }

  read(repoPath: string, spec: string): Promise<GitObject | null> {
    return this.reader(repoPath).read(spec);
  }

  info(repoPath: string, spec: string): Promise<ObjectInfo | null> {
    return this.reader(repoPath).info(spec);
  }

  /** Number of live processes. */
  get size(): number {
    this.forgetClosed();
    return this.readers.size;
  }

  /** The live reader for a repository, if any (exposed for diagnostics and tests). */
  peek(repoPath: string): CatFileReader | undefined {
    const reader = this.readers.get(resolve(repoPath));
    return reader?.closed === false ? reader : undefined;
  }

  async close(): Promise<void> {
    const readers = [...this.readers.values()];
    this.readers.clear();
    await Promise.all(readers.map((reader) => reader.close()));
  }

  private reader(repoPath: string): CatFileReader {
    const key = resolve(repoPath);
    const existing = this.readers.get(key);
    this.readers.delete(key);
    if (existing !== undefined && !existing.closed) {
      this.readers.set(key, existing); // most recently used goes last
      return existing;
    }
    const reader = new CatFileReader(key, this.readerOptions);
    this.readers.set(key, reader);
    this.evict();
    return reader;
  }

  private evict(): void {
    this.forgetClosed();
    for (const [key, reader] of this.readers) {
      if (this.readers.size <= this.maxProcesses) break;
      this.readers.delete(key);
      // Queued requests still get their answers: git finishes its input before exiting.
      void reader.close();
    }
  }

  private forgetClosed(): void {
    for (const [key, reader] of this.readers) if (reader.closed) this.readers.delete(key);
  }
}
