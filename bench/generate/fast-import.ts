// Bare repositories written in bulk: one `git fast-import` stream per repository, through the project's git layer.
import { existsSync } from "node:fs";
import { initBare } from "../../src/git/init.ts";
import { runGit } from "../../src/git/run.ts";

export interface ImportCommit {
  ref: string;
  /** Seconds since the epoch. */
  time: number;
  message: string;
  /** A mark of an earlier commit of this stream to branch from; none for a root commit. */
  from?: number;
  files: Record<string, string>;
}

const IDENT = "Synthetic Hub <bench@evalhub.local>";

/** The fast-import stream of the commits, in order; commit i gets mark i + 1. */
export function importStream(commits: readonly ImportCommit[]): Buffer {
  const parts: string[] = [];
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  commits.forEach((c, i) => {
    parts.push(`commit ${c.ref}\nmark :${i + 1}\ncommitter ${IDENT} ${c.time} +0000\n${data(c.message)}`);
    if (c.from !== undefined) parts.push(`from :${c.from}\n`);
    for (const [path, content] of Object.entries(c.files)) parts.push(`M 100644 inline ${path}\n${data(content)}`);
    parts.push("\n");
  });
  return Buffer.from(parts.join(""));
}

/** Creates the bare repository (if new) and imports the commits into it. */
export async function importRepo(gitDir: string, commits: readonly ImportCommit[]): Promise<void> {
  if (!existsSync(gitDir)) await initBare(gitDir);
  await runGit(gitDir, ["fast-import", "--quiet", "--force"], { input: importStream(commits), timeoutMs: 600_000 });
}

/** Runs `work` over the items with at most `parallel` at once. */
export async function inParallel<T>(items: readonly T[], parallel: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
}
