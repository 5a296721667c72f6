import { BoundedLru } from "../../bounded-lru.ts";

/**
 * Values computed from one commit of one repository. A commit id names its content, so an entry never goes stale;
 * the cache is bounded by a cost (e.g. files listed) and drops the least recently used first.
 */
export class CommitCache<T> {
  private readonly entries: BoundedLru<T>;
  private readonly pending = new Map<string, Promise<T>>();

  constructor(
    maxCost: number,
    private readonly costOf: (value: T) => number = () => 1,
  ) {
    this.entries = new BoundedLru(maxCost);
  }

  async get(gitDir: string, commit: string, compute: () => Promise<T>): Promise<T> {
    const key = `${gitDir}\0${commit}`;
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
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
    this.entries.set(key, value, Math.max(1, this.costOf(value)));
    return value;
  }
}
