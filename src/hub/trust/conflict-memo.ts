import type { Conflict } from "./conflicts.ts";

/** Entries plus conflicts kept over all remembered groups (a few hundred bytes each). */
const MAX_UNITS = 100_000;

/**
 * The conflicts of one (model, benchmark, task) group, remembered by a signature of the group's rows. Conflicts
 * are a pure function of those rows and a group of n entries costs n² / 2 comparisons, while a write changes the
 * groups of one model: with the rest remembered, a leaderboard or a model page recomputes only what changed.
 * Least recently used groups go first.
 */
export class ConflictMemo {
  private readonly groups = new Map<string, { conflicts: Conflict[]; size: number }>();
  private units = 0;

  constructor(private readonly maxUnits = MAX_UNITS) {}

  get(signature: string): Conflict[] | undefined {
    const kept = this.groups.get(signature);
    if (kept === undefined) return undefined;
    this.groups.delete(signature);
    this.groups.set(signature, kept);
    return kept.conflicts;
  }

  /** `entries`: how many rows the group has (its conflicts are counted here). */
  set(signature: string, conflicts: Conflict[], entries: number): void {
    const size = entries + conflicts.length;
    if (size > this.maxUnits / 4 || this.groups.has(signature)) return;
    this.groups.set(signature, { conflicts, size });
    this.units += size;
    for (const [oldSignature, old] of this.groups) {
      if (this.units <= this.maxUnits) break;
      this.groups.delete(oldSignature);
      this.units -= old.size;
    }
  }
}
