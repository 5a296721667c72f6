import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Database } from "../../db/schema.ts";
import { allReposDatasetsFirst } from "./all-repos.ts";
import type { ResultsIndexer } from "./indexer.ts";

/** Repositories per indexAll call: between batches a stopping server stops the pass. */
const BATCH = 25;

/**
 * Catches the index up with refs that moved without being indexed (the process died between a ref update and
 * its indexing, or indexing failed): at start and then periodically, every repository whose heads differ from
 * `index_refs` is re-indexed. Passes never overlap, and errors are logged, never thrown out of the timer.
 */
export class Reconciler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;
  private passes = 0;

  constructor(
    private readonly deps: { db: Kysely<Database>; results: ResultsIndexer; log: Logger },
    private readonly intervalMs: number,
  ) {}

  /** Runs a first pass now, in the background, then one `intervalMs` after each pass ends. */
  start(): void {
    this.schedule(0);
  }

  /** One pass over every repository; resolves to how many had their index brought up to date. A pass under way is joined. */
  reconcileOnce(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Stops the timer and waits for a pass under way to reach its next batch boundary. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    try {
      await this.reconcileOnce();
    } catch (err) {
      this.deps.log.error({ err }, "reconciling the results index with git failed");
    } finally {
      this.schedule(this.intervalMs);
    }
  }

  private async pass(): Promise<number> {
    const started = Date.now();
    const repos = await allReposDatasetsFirst(this.deps.db);
    let changed = 0;
    for (let i = 0; i < repos.length && !this.stopped; i += BATCH) {
      const batch = repos.slice(i, i + BATCH);
      const ids = batch.map((r) => r.id);
      const before = await this.indexedHeads(ids);
      await this.deps.results.indexAll(batch);
      const after = await this.indexedHeads(ids);
      changed += ids.filter((id) => before.get(id) !== after.get(id)).length;
    }
    const first = this.passes++ === 0;
    const fields = { repositories: repos.length, reindexed: changed, ms: Date.now() - started };
    if (first || changed > 0) this.deps.log.info(fields, first ? "results index reconciled with git at start" : "results index reconciled with git");
    else this.deps.log.debug(fields, "results index reconciled with git");
    return changed;
  }

  /** Each repository's indexed refs and commits, as one comparable string. */
  private async indexedHeads(repoIds: number[]): Promise<Map<number, string>> {
    if (repoIds.length === 0) return new Map();
    const rows = await this.deps.db.selectFrom("index_refs").select(["repo_id", "ref", "commit"]).where("repo_id", "in", repoIds).orderBy("repo_id").orderBy("ref").execute();
    const heads = new Map<number, string>();
    for (const row of rows) heads.set(row.repo_id, `${heads.get(row.repo_id) ?? ""}${row.ref}=${row.commit} `);
    return heads;
  }
}
