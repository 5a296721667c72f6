/**
 * Values computed from one commit of one repository. A commit id names its content, so an entry never goes stale;
 * the cache is bounded by a cost (e.g. files listed) and drops the least recently used first.
 */
export class CommitCache<T> {
  private readonly entries = new Map<string, { value: T; cost: number }>();
  private readonly pending = new Map<string, Promise<T>>();
  private total = 0;

  constructor(
    private readonly maxCost: number,
    private readonly costOf: (value: T) => number = () => 1,
  ) {}

  async get(gitDir: string, commit: string, compute: () => Promise<T>): Promise<T> {
    const key = `${gitDir}\0${commit}`;
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    let running = this.pending.get(key);
    if (running === undefined) {
      running = compute()
        .then((value) => this.store(key, value))
        .finally(() => this.pending.delete(key));
      this.pending.set(key, running);
    }
    return running;
  }

  private store(key: string, value: T): T {
    const cost = Math.max(1, this.costOf(value));
    if (cost > this.maxCost / 4) return value;
    this.entries.set(key, { value, cost });
    this.total += cost;
    for (const [oldKey, old] of this.entries) {
      if (this.total <= this.maxCost) break;
      this.entries.delete(oldKey);
      this.total -= old.cost;
    }
    return value;
  }
}
