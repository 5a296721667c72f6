import type { PullRequestChanges } from "../discussions/discussion-details.ts";
import { withCatFileReader, type CatFileReader } from "../../git/cat-file.ts";
import { readParsedResults } from "./parsed-results.ts";
import { contentHash } from "./result-rows.ts";

/** One score a pull request adds, changes or removes, compared with where it forked from its base. */
export interface ScoreChange {
  change: "added" | "changed" | "removed";
  file: string;
  dataset: string | null;
  task: string | null;
  before: number | null;
  after: number | null;
  /** The entry's notes on the side that has it (the pull request's when changed). */
  notes: string | null;
  /** The entry is not valid (a schema error); it counts nowhere until fixed. */
  invalid: boolean;
}

export interface Score {
  file: string;
  key: string;
  hash: string;
  dataset: string | null;
  task: string | null;
  value: number | null;
  notes: string | null;
  invalid: boolean;
}

const MAX_CHANGES = 1000;

/**
 * The scores a pull request proposes, as a table rather than a text diff: entries are matched by file, benchmark,
 * task and their order among entries of the same benchmark and task, and an entry whose content differs is changed.
 */
export async function pullRequestScores(gitDir: string, changes: PullRequestChanges): Promise<ScoreChange[]> {
  if (changes.head === null) return [];
  if (!changes.files.some((f) => f.path.startsWith(".eval_results/"))) return [];
  const { forkPoint, head } = changes;
  return withCatFileReader(gitDir, async (reader) => {
    const before = forkPoint === null ? [] : await scoresAt(reader, forkPoint);
    const after = await scoresAt(reader, head);
    return compareScores(before, after).slice(0, MAX_CHANGES);
  });
}

async function scoresAt(reader: CatFileReader, commit: string): Promise<Score[]> {
  const scores: Score[] = [];
  for (const { path, parsed } of await readParsedResults(reader, commit)) {
    const seen = new Map<string, number>();
    for (const item of parsed.entries) {
      const raw = (item.raw ?? {}) as { dataset?: { id?: unknown; task_id?: unknown }; value?: unknown; notes?: unknown };
      const dataset = item.entry?.dataset.id ?? (typeof raw.dataset?.id === "string" ? raw.dataset.id : null);
      const task = item.entry?.dataset.task_id ?? (typeof raw.dataset?.task_id === "string" ? raw.dataset.task_id : null);
      const base = `${path}|${dataset?.toLowerCase() ?? ""}|${task ?? ""}`;
      const ordinal = seen.get(base) ?? 0;
      seen.set(base, ordinal + 1);
      scores.push({
        file: path,
        key: `${base}|${ordinal}`,
        hash: contentHash(item.raw),
        dataset,
        task,
        value: item.entry?.value ?? (typeof raw.value === "number" ? raw.value : null),
        notes: item.entry?.notes ?? (typeof raw.notes === "string" ? raw.notes : null),
        invalid: item.entry === null,
      });
    }
  }
  return scores;
}

/** Pure: what changed from `before` to `after`, removals last. */
export function compareScores(before: readonly Score[], after: readonly Score[]): ScoreChange[] {
  const old = new Map(before.map((s) => [s.key, s]));
  const out: ScoreChange[] = [];
  for (const score of after) {
    const previous = old.get(score.key);
    old.delete(score.key);
    if (previous && previous.hash === score.hash) continue;
    out.push({ change: previous ? "changed" : "added", file: score.file, dataset: score.dataset, task: score.task, before: previous?.value ?? null, after: score.value, notes: score.notes, invalid: score.invalid });
  }
  for (const score of old.values()) out.push({ change: "removed", file: score.file, dataset: score.dataset, task: score.task, before: score.value, after: null, notes: score.notes, invalid: score.invalid });
  return out;
}
