/**
 * How a leaderboard orders rows, and how one row per model is chosen: best value in the task's direction,
 * then verified before not, `main` before a pull request, newer date before older, then model id. One list,
 * used by the SQL of the live leaderboard and by the in-memory ranking of past ones.
 */
export interface RankedCandidate {
  value: number;
  verified: number;
  isMain: number;
  date: string;
  modelKey: string;
  id: number;
}

export function compareCandidates(lowerIsBetter: boolean) {
  return (a: RankedCandidate, b: RankedCandidate): number =>
    (lowerIsBetter ? a.value - b.value : b.value - a.value) ||
    b.verified - a.verified ||
    b.isMain - a.isMain ||
    (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) ||
    (a.modelKey < b.modelKey ? -1 : a.modelKey > b.modelKey ? 1 : 0) ||
    a.id - b.id;
}

/** The same order as SQL `ORDER BY` terms over columns value, verified, is_main, date, model_key, id. */
export function rankingOrderSql(lowerIsBetter: boolean): string {
  return `value ${lowerIsBetter ? "ASC" : "DESC"}, verified DESC, is_main DESC, date DESC, model_key ASC, id ASC`;
}

/** One row per model: the first of each model's rows in ranking order. */
export function bestPerModel<T extends RankedCandidate & { repoId: number }>(rows: T[], lowerIsBetter: boolean): T[] {
  const sorted = [...rows].sort(compareCandidates(lowerIsBetter));
  const seen = new Set<number>();
  return sorted.filter((row) => (seen.has(row.repoId) ? false : (seen.add(row.repoId), true)));
}
