import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { leaderboard, type Leaderboard, type LeaderboardEntry, type LeaderboardRequest } from "../results/leaderboard.ts";
import { conflictIndex, conflictsOf, type ConflictRef } from "./conflict-service.ts";
import type { Conflict } from "./conflicts.ts";
import { setupOfRaw } from "./row-setup.ts";
import { ci95, overlaps, type Interval, type Scale } from "./uncertainty.ts";

/** What trust adds to one leaderboard row. */
export interface RowTrust {
  logChecked: boolean;
  setup: Record<string, unknown> | null;
  ci95: Interval | null;
  tiedWithPrevious: boolean;
  /** The model's entries this row's entry conflicts with (or, if only others conflict, those); null without a conflict. */
  conflictWith: ConflictRef[] | null;
}

/**
 * Evidence, setup, 95% intervals, ties and conflicts for the rows of a leaderboard page, in row order. Intervals
 * need the task's `scale` for sample counts; the row before the page is read for the first row's tie. Conflicts are
 * today's, so a past leaderboard (`as_of`) shows none.
 */
export async function leaderboardTrust(db: Kysely<Database>, q: LeaderboardRequest, board: Leaderboard): Promise<RowTrust[]> {
  const { benchmark } = board;
  const scaleField = benchmark.definition?.tasks.find((t) => t.id === board.taskId)?.fields["scale"];
  const scale: Scale | null = scaleField === "fraction" || scaleField === "percent" ? scaleField : null;
  const previous = q.offset > 0 && board.rows.length > 0 ? (await leaderboard(db, { ...q, offset: q.offset - 1, limit: 1 })).rows[0] : undefined;
  // A conflict is among one model's entries, so the page's models are all that matter (not the whole task).
  const repoIds = [...new Set(board.rows.map((row) => row.repo_id))];
  const conflicts = q.asOf === null ? await conflictsOf(db, { viewer: q.viewer, datasetKey: benchmark.datasetKey, taskId: board.taskId, repoIds }) : [];
  const byEntry = conflictIndex(conflicts);
  const othersOf = modelConflictRefs(conflicts, byEntry);
  let before = previous ? intervalOf(previous, scale) : null;
  return board.rows.map((row) => {
    const interval = intervalOf(row, scale);
    const tied = interval !== null && before !== null && overlaps(before, interval);
    before = interval;
    return {
      logChecked: row.evidence_status === "log-checked",
      setup: setupOfRaw(row.raw),
      ci95: interval,
      tiedWithPrevious: tied,
      conflictWith: byEntry.get(`${row.repo_id}|${row.content_hash}`) ?? othersOf.get(row.repo_id) ?? null,
    };
  });
}

/**
 * For each model, the other sides of all its conflicts, each entry once, in conflict order: what a row without a
 * conflict of its own shows. Each entry's list is walked once, however many conflicts it is in.
 */
function modelConflictRefs(conflicts: readonly Conflict[], byEntry: Map<string, ConflictRef[]>): Map<number, ConflictRef[]> {
  const out = new Map<number, ConflictRef[]>();
  const walked = new Set<string>();
  const shown = new Set<string>();
  for (const c of conflicts) {
    const repoId = c.entries[0].repoId;
    let refs = out.get(repoId);
    if (refs === undefined) out.set(repoId, (refs = []));
    for (const e of c.entries) {
      const key = `${e.repoId}|${e.contentHash}`;
      if (walked.has(key)) continue;
      walked.add(key);
      for (const ref of byEntry.get(key) ?? []) {
        if (shown.has(`${repoId}|${ref.contentHash}`)) continue;
        shown.add(`${repoId}|${ref.contentHash}`);
        refs.push(ref);
      }
    }
  }
  return out;
}

function intervalOf(row: LeaderboardEntry, scale: Scale | null): Interval | null {
  const setup = setupOfRaw(row.raw);
  const checked = row.evidence_status === "log-checked";
  const stderr = numberOr(setup?.["stderr"], checked ? (row.evidence_stderr ?? null) : null);
  const samples = numberOr(setup?.["samples"], checked ? (row.evidence_samples ?? null) : null);
  return ci95(row.value, { stderr, samples, scale });
}

const numberOr = (value: unknown, fallback: number | null) => (typeof value === "number" && Number.isFinite(value) ? value : fallback);

