import { isObjectId } from "./object-id.ts";
import { assertSafeRevision } from "./revision.ts";
import { runGit } from "./run.ts";
import { assertSafeTreePath } from "./tree-path.ts";

export interface CommitInfo {
  id: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  /** Strict ISO 8601 with the author's offset, e.g. `2026-11-27T14:57:00+01:00`. */
  authorDate: string;
  committerDate: string;
  /** The subject line (the first paragraph joined into one line). */
  title: string;
  /** Everything after the subject paragraph. */
  body: string;
  /** The whole raw message. */
  message: string;
}

export interface LogOptions {
  skip?: number;
  /** Default 100. */
  limit?: number;
  /** Only commits that touch this file or directory. */
  path?: string;
  /** Leave out the commits reachable from this one (`git log rev ^excluding`): what a push added. */
  excluding?: string;
}

// NUL cannot occur inside any of these fields, so it separates them; git ends each record with "\n".
const FIELDS = ["%H", "%P", "%an", "%ae", "%aI", "%cI", "%s", "%b", "%B"];
const FORMAT = `--format=${FIELDS.join("%x00")}%x00`;

/** Commits reachable from `rev`, newest first. */
export async function log(repoPath: string, rev: string, options: LogOptions = {}): Promise<CommitInfo[]> {
  const args = ["log", FORMAT, `--skip=${count(options.skip ?? 0)}`, `--max-count=${count(options.limit ?? 100)}`];
  args.push("--end-of-options", assertSafeRevision(rev));
  if (options.excluding !== undefined) args.push(`^${assertSafeRevision(options.excluding)}`);
  args.push(...pathFilter(options.path));
  const { stdout } = await runGit(repoPath, args);
  return parseLog(stdout.toString("utf8"));
}

/** How many commits `log` would list without skip and limit. */
export async function countCommits(repoPath: string, rev: string, options: { path?: string } = {}): Promise<number> {
  const args = ["rev-list", "--count", "--end-of-options", assertSafeRevision(rev), ...pathFilter(options.path)];
  const { stdout } = await runGit(repoPath, args);
  return Number(stdout.toString("utf8").trim());
}

function pathFilter(path: string | undefined): string[] {
  return path === undefined ? [] : ["--", assertSafeTreePath(path)];
}

function count(value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`expected a non-negative integer, got ${value}`);
  return value;
}

function parseLog(output: string): CommitInfo[] {
  const fields = output.split("\0");
  const commits: CommitInfo[] = [];
  for (let i = 0; i + FIELDS.length <= fields.length; i += FIELDS.length) {
    const [id = "", parents = "", authorName = "", authorEmail = "", authorDate = "", committerDate = "", title = "", body = "", message = ""] =
      fields.slice(i, i + FIELDS.length);
    const oid = id.replace(/^\n/, "");
    if (!isObjectId(oid)) throw new Error(`unexpected git log output near ${JSON.stringify(id.slice(0, 80))}`);
    commits.push({
      id: oid,
      parents: parents === "" ? [] : parents.split(" "),
      authorName,
      authorEmail,
      authorDate,
      committerDate,
      title,
      body: body.replace(/\n+$/, ""),
      message: message.replace(/\n+$/, ""),
    });
  }
  return commits;
}
