/**
 * A map bounded by the total cost of its values (bytes, rows, entries: the caller says what a value costs).
 * Reading a key makes it the most recently used; storing past the bound drops the least recently used first. A
 * value costing more than a quarter of the bound is not kept, so one large value cannot empty the map.
 */
export class BoundedLru<V> {
  private readonly entries = new Map<string, { value: V; cost: number }>();
  private total = 0;

  constructor(private readonly maxCost: number) {}

  /** The total cost of what is kept. */
  get cost(): number {
    return this.total;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Drops every value the test accepts; answers what it dropped, least recently used first. */
  deleteWhere(test: (value: V, key: string) => boolean): [string, V][] {
    const dropped: [string, V][] = [];
    for (const [key, kept] of this.entries) {
      if (!test(kept.value, key)) continue;
      this.entries.delete(key);
      this.total -= kept.cost;
      dropped.push([key, kept.value]);
    }
    return dropped;
  }

  delete(key: string): void {
    const kept = this.entries.get(key);
    if (kept === undefined) return;
    this.entries.delete(key);
    this.total -= kept.cost;
  }

  get(key: string): V | undefined {
    const kept = this.entries.get(key);
    if (kept === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, kept);
    return kept.value;
  }

  set(key: string, value: V, cost: number): void {
    if (cost > this.maxCost / 4) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.entries.delete(key);
      this.total -= old.cost;
    }
    this.entries.set(key, { value, cost });
    this.total += cost;
    for (const [oldKey, oldest] of this.entries) {
      if (this.total <= this.maxCost) break;
      this.entries.delete(oldKey);
      this.total -= oldest.cost;
    }
  }
}
