import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { readVersion } from "../../db/queries/read-version.ts";

/** Ids kept over all cached rankings (8 bytes each): 16 MiB. */
const MAX_IDS = 2_000_000;

/**
 * Whole rankings of live leaderboards (the best row id of each model, in order), kept for the database's current
 * read version (migration 0010: every write a leaderboard depends on moves it). Ranking is the expensive part of
 * a leaderboard at hub scale (every candidate of the task); with the ranking kept, every page of it, and its
 * total, costs one read of the page's rows. Concurrent requests for one ranking compute it once. Rankings of an
 * older version are dropped as soon as a newer one is seen: no request can ask for them again.
 */
export class RankingCache {
  private version = -1;
  private readonly rankings = new Map<string, Float64Array>();
  private readonly pending = new Map<string, Promise<Float64Array>>();
  private ids = 0;

  async get(db: Kysely<Database>, key: string, rank: () => Promise<number[]>): Promise<Float64Array> {
    // The version is read before ranking, so a ranking is never older than the version it is kept under.
    const version = await readVersion(db);
    if (version > this.version) {
      this.version = version;
      this.rankings.clear();
      this.pending.clear();
      this.ids = 0;
    }
    const fullKey = `${version}|${key}`;
    const kept = this.rankings.get(fullKey);
    if (kept !== undefined) return kept;
    let running = this.pending.get(fullKey);
    if (running === undefined) {
      running = this.compute(fullKey, version, rank).finally(() => this.pending.delete(fullKey));
      this.pending.set(fullKey, running);
    }
    return running;
  }

  private async compute(key: string, version: number, rank: () => Promise<number[]>): Promise<Float64Array> {
    const ranking = Float64Array.from(await rank());
    if (version !== this.version || ranking.length > MAX_IDS / 4) return ranking;
    for (const [oldKey, old] of this.rankings) {
      if (this.ids + ranking.length <= MAX_IDS) break;
      this.rankings.delete(oldKey);
      this.ids -= old.length;
    }
    this.rankings.set(key, ranking);
    this.ids += ranking.length;
    return ranking;
  }
}

const caches = new WeakMap<Kysely<Database>, RankingCache>();

/** The ranking cache of one database handle (one per process and database). */
export function rankingCacheOf(db: Kysely<Database>): RankingCache {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new RankingCache();
    caches.set(db, cache);
  }
  return cache;
}
