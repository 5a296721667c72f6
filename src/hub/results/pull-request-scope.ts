import { mergeBase } from "../../git/merge.ts";
import type { RepoGit } from "./compute.ts";
import { readParsedResults } from "./parsed-results.ts";
import { contentHash, type ResultRow } from "./result-rows.ts";

/**
 * A pull request proposes only what it adds or changes: entries already present, word for word, in the same
 * file where the pull request branched from main are main's results, not community ones.
 */
export async function proposedRows(git: RepoGit, mainCommit: string | null, prCommit: string, rows: ResultRow[]): Promise<ResultRow[]> {
  const base = mainCommit ? await mergeBase(git.dir, mainCommit, prCommit) : null;
  if (!base) return rows;
  const existing = new Set<string>();
  for (const { path, parsed } of await readParsedResults(git.objects, base)) {
    if (parsed.entries.length === 0) existing.add(`${path}|${contentHash(null)}`);
    for (const entry of parsed.entries) existing.add(`${path}|${contentHash(entry.raw)}`);
  }
  return rows.filter((row) => !existing.has(`${row.file_path}|${row.content_hash}`));
}
