import type { CatFileReader } from "./cat-file.ts";
import { log } from "./log.ts";
import { isObjectId } from "./object-id.ts";
import { checkedExitCode } from "./run.ts";
import { assertSafeRevision } from "./revision.ts";
import { spawnGit, type GitProcess } from "./spawn.ts";
import { assertSafeTreePath } from "./tree-path.ts";
import { parseTreeObject } from "./tree-object.ts";

/** Commits read from the walk before the paths still open are asked for one by one instead. */
export const MAX_WALKED_COMMITS = 10_000;

interface WalkedCommit {
  /** Parents after history simplification: the nearest commits of the walk on each parent's line. */
  parents: string[];
  time: number;
  names: Set<string>;
}

/**
 * For each path (all in `folder`), the committer time in seconds of the commit `git log -1 <commit> -- <path>`
 * shows, or null when it shows none; from one walk over `folder` rather than one `git log` per path.
 *
 * Per path, git's default history simplification is a single line: a commit that changed the path ends it, a merge
 * that has the path as one of its parents has it goes on along the first such parent, and a merge that differs
 * from every parent ends it. The walk (`--full-history --parents`, so every line and every merge is kept) gives each
 * commit's changed names and its parents on the walk; a merge's paths are compared with its parents through
 * `reader`. The walk stops once every path has its answer.
 */
export async function lastChangeTimes(
  reader: CatFileReader,
  commit: string,
  folder: string,
  paths: readonly string[],
  options: { maxCommits?: number } = {},
): Promise<Map<string, number | null>> {
  const times = new Map<string, number | null>();
  const open = new Set(paths);
  if (open.size === 0) return times;
  const walk = new FolderWalk(reader.repoPath, assertSafeRevision(commit), assertSafeTreePath(folder));
  const merges = new MergeSides(reader);
  // Paths by the commit of the walk their line goes on from; every line starts at the first commit printed.
  const waiting = new Map<string, string[]>();
  let walked = 0;
  try {
    for await (const id of walk.commits()) {
      const ready = walked === 0 ? [...open] : (waiting.get(id) ?? []);
      waiting.delete(id);
      for (const path of ready) {
        const answer = await follow(walk, merges, path, id);
        if ("time" in answer) {
          times.set(path, answer.time);
          open.delete(path);
        } else waiting.set(answer.waitFor, [...(waiting.get(answer.waitFor) ?? []), path]);
      }
      if (open.size === 0 || ++walked >= (options.maxCommits ?? MAX_WALKED_COMMITS)) break;
    }
  } finally {
    walk.stop();
  }
  for (const path of open) {
    // Past the cap: git's own answer, one path at a time.
    const [last] = await log(reader.repoPath, commit, { path, limit: 1 });
    times.set(path, last ? Math.floor(Date.parse(last.committerDate) / 1000) : null);
  }
  return times;
}

/** Goes down `path`'s line from `at` as far as the commits walked so far allow. */
async function follow(walk: FolderWalk, merges: MergeSides, path: string, at: string): Promise<{ time: number | null } | { waitFor: string }> {
  for (;;) {
    const commit = walk.complete(at);
    if (!commit) return { waitFor: at };
    if (commit.parents.length <= 1) {
      if (commit.names.has(path)) return { time: commit.time };
      const [parent] = commit.parents;
      if (parent === undefined) return { time: null };
      at = parent;
      continue;
    }
    const same = await merges.firstParentWithSame(at, commit.parents, path);
    if (same === null) return { time: commit.time };
    at = same;
  }
}

/** `git log --full-history --parents --name-only -z -- <folder>`, read as it streams; stopping kills git. */
class FolderWalk {
  private readonly seen = new Map<string, WalkedCommit>();
  /** The commit whose names are still arriving. */
  private current: string | null = null;
  private readonly process: GitProcess;

  constructor(repoPath: string, commit: string, folder: string) {
    const args = ["log", "--format=/%H %P %ct", "-z", "--name-only", "--no-renames", "--full-history", "--parents", "--root", "--end-of-options", commit, "--", folder];
    this.process = spawnGit(repoPath, args, { timeoutMs: 120_000 });
    this.process.stdin.end();
  }

  /** A commit of the walk whose names are all known, or undefined when it has not been read (yet). */
  complete(id: string): WalkedCommit | undefined {
    return id === this.current ? undefined : this.seen.get(id);
  }

  /** Yields each commit's id once its names are complete, newest first, as git prints them. */
  async *commits(): AsyncGenerator<string> {
    let rest = Buffer.alloc(0);
    let afterHeader = false;
    for await (const chunk of this.process.stdout) {
      let data = Buffer.concat([rest, chunk as Buffer]);
      let nul: number;
      while ((nul = data.indexOf(0)) !== -1) {
        const token = data.toString("utf8", 0, nul);
        data = data.subarray(nul + 1);
        if (token.startsWith("/")) {
          const finished = this.startCommit(token);
          afterHeader = true;
          if (finished !== null) yield finished;
        } else if (this.current !== null) {
          // The names follow the header after one newline; a path never starts with `/`.
          this.seen.get(this.current)?.names.add(afterHeader && token.startsWith("\n") ? token.slice(1) : token);
          afterHeader = false;
        }
      }
      rest = data;
    }
    checkedExitCode(this.process, await this.process.exited, []);
    const last = this.current;
    this.current = null;
    if (last !== null) yield last;
  }

  stop(): void {
    this.process.kill();
  }

  /** Records a header `/<id> <parents…> <time>`; returns the commit it completes, if any. */
  private startCommit(header: string): string | null {
    const fields = header.slice(1).split(" ").filter((f) => f !== "");
    const id = fields[0] ?? "";
    const time = Number(fields[fields.length - 1]);
    const parents = fields.slice(1, -1);
    if (!isObjectId(id) || !parents.every(isObjectId) || !Number.isSafeInteger(time)) throw new Error(`unexpected git log output ${JSON.stringify(header.slice(0, 200))}`);
    const finished = this.current;
    this.seen.set(id, { parents, time, names: new Set() });
    this.current = id;
    return finished;
  }
}

/** Which side of a merge a path comes from: its mode and blob compared with each parent's, read through the reader. */
class MergeSides {
  private readonly trees = new Map<string, Promise<Map<string, string>>>();

  constructor(private readonly reader: CatFileReader) {}

  /** The first parent that has the path exactly as the merge has it (both without it counts), or null. */
  async firstParentWithSame(merge: string, parents: readonly string[], path: string): Promise<string | null> {
    const [mine, ...theirs] = await Promise.all([merge, ...parents].map((c) => this.entry(c, path)));
    const index = theirs.findIndex((entry) => entry === mine);
    return index === -1 ? null : (parents[index] ?? null);
  }

  private async entry(commit: string, path: string): Promise<string | null> {
    const slash = path.lastIndexOf("/");
    const dir = slash === -1 ? "" : path.slice(0, slash);
    return (await this.directory(commit, dir)).get(path.slice(slash + 1)) ?? null;
  }

  private directory(commit: string, dir: string): Promise<Map<string, string>> {
    const key = `${commit}:${dir}`;
    let listing = this.trees.get(key);
    if (!listing) {
      listing = this.reader.read(dir === "" ? `${commit}^{tree}` : `${commit}:${dir}`).then((object) =>
        object?.type === "tree" ? new Map(parseTreeObject(object.content).map((e) => [e.name, `${e.mode} ${e.oid}`])) : new Map<string, string>(),
      );
      this.trees.set(key, listing);
    }
    return listing;
  }
}
