import { readBlob } from "../../git/blob.ts";
import { GitObjectTooLargeError } from "../../git/errors.ts";
import { log } from "../../git/log.ts";
import { cardDataOf } from "../../formats/card-data.ts";
import { CommitCache } from "./commit-cache.ts";
import type { RepoEntry } from "./entries.ts";
import { listEntries } from "./list-entries.ts";

/** What the repository info shows of one commit. */
export interface RepoSnapshot {
  sha: string;
  /** When the commit was made, ISO 8601 in UTC. */
  lastModified: string;
  /** Every file, recursively. */
  files: RepoEntry[];
  /** The front matter of README.md; {} without one. */
  cardData: Record<string, unknown>;
}

const CARD = "README.md";
const MAX_CARD_BYTES = 1024 * 1024;
/** Repository info is read far more often than commits are made, and each read costs three git processes. */
const snapshots = new CommitCache<RepoSnapshot>(200_000, (snapshot) => snapshot.files.length + 1);

/** The snapshot of a commit; callers must not modify it (it may be shared through the cache). */
export function readSnapshot(gitDir: string, sha: string): Promise<RepoSnapshot> {
  return snapshots.get(gitDir, sha, () => readSnapshotFromGit(gitDir, sha));
}

async function readSnapshotFromGit(gitDir: string, sha: string): Promise<RepoSnapshot> {
  const [commits, entries, cardData] = await Promise.all([
    log(gitDir, sha, { limit: 1 }),
    listEntries(gitDir, sha, { path: "", recursive: true }),
    readCardData(gitDir, sha),
  ]);
  const date = commits[0]?.committerDate;
  return {
    sha,
    lastModified: date ? new Date(date).toISOString() : new Date(0).toISOString(),
    files: entries.filter((entry) => entry.type === "file"),
    cardData,
  };
}

async function readCardData(gitDir: string, sha: string): Promise<Record<string, unknown>> {
  try {
    const readme = await readBlob(gitDir, sha, CARD, { maxBytes: MAX_CARD_BYTES });
    return readme === null ? {} : cardDataOf(readme);
  } catch (err) {
    if (err instanceof GitObjectTooLargeError) return {};
    throw err;
  }
}
