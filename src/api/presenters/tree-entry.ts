import type { RepoEntry } from "../../hub/browse/entries.ts";
import type { LastCommit } from "../../hub/browse/last-commit.ts";

/**
 * One entry of `tree` and `paths-info` (§2.6). No `lfs`, `xetHash` or `securityFileStatus`: files
 * live in git, and Python parses `securityFileStatus` whenever the key is there.
 */
export interface TreeEntryBody {
  type: "file" | "directory";
  oid: string;
  size: number;
  path: string;
  lastCommit?: { id: string; title: string; date: string };
}

export function presentTreeEntry(entry: RepoEntry, lastCommit?: LastCommit | null): TreeEntryBody {
  const body: TreeEntryBody = { type: entry.type, oid: entry.oid, size: entry.size, path: entry.path };
  if (lastCommit) body.lastCommit = { id: lastCommit.id, title: lastCommit.title, date: lastCommit.date };
  return body;
}
