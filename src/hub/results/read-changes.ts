/** How many moves are remembered: a reader more than this many writes behind treats everything as changed. */
const REMEMBERED_MOVES = 256;

/**
 * Moves of the read version that this process made itself, each with what it changed: scopes such as
 * `model:org/name` or `dataset:org/name`. A move is recorded only once its transaction committed, and only when
 * the transaction held the version from its first bump to its commit, so nobody else's write is inside it. A
 * cached answer that depends on none of a move's scopes is still true after it (`src/api/read-cache.ts`); any
 * move not recorded here (another process, or a write that does not say what it changed) changes everything.
 */
export class ReadChanges {
  /** Keyed by the version a move ends at. */
  private readonly moves = new Map<number, { from: number; scopes: readonly string[] }>();
  private readonly listeners = new Set<() => void>();

  record(from: number, to: number, scopes: Iterable<string>): void {
    if (to <= from) return;
    this.moves.set(to, { from, scopes: [...new Set(scopes)] });
    for (const oldest of this.moves.keys()) {
      if (this.moves.size <= REMEMBERED_MOVES) break;
      this.moves.delete(oldest);
    }
    for (const listener of this.listeners) listener();
  }

  /** Calls `listener` after each recorded move (its transaction has committed). */
  onRecord(listener: () => void): void {
    this.listeners.add(listener);
  }

  /** The scopes changed from one version to a later one; null when some move in between is not known here. */
  between(from: number, to: number): Set<string> | null {
    const changed = new Set<string>();
    let at = to;
    while (at > from) {
      const move = this.moves.get(at);
      if (move === undefined || move.from < from) return null;
      for (const scope of move.scopes) changed.add(scope);
      at = move.from;
    }
    return at === from ? changed : null;
  }
}

export const modelScope = (namespace: string, name: string): string => `model:${namespace}/${name}`.toLowerCase();
export const datasetScope = (datasetKey: string): string => `dataset:${datasetKey}`.toLowerCase();
