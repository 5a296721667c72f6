import type { Kysely, Selectable, Transaction } from "kysely";
import type { Logger } from "pino";
import type { ProcessLock } from "../../db/process-lock.ts";
import { claimReadVersion, versionInTransaction } from "../../db/queries/read-version.ts";
import type { Database } from "../../db/schema.ts";
import type { ModelMetaTable } from "../../db/schema-results.ts";
import { classifyEntry } from "../../formats/classify.ts";
import type { ParsedResultEntry } from "../../formats/eval-results.ts";
import type { Repo } from "../repos.ts";
import { computeRef, indexTargets, MAIN, withRepoGit, type ComputeContext, type IndexTarget, type RepoGit } from "./compute.ts";
import { historyEvents, type HistoryEvent } from "./history.ts";
import { readBenchmark } from "./read-benchmark.ts";
import { readModelMeta } from "./read-model-meta.ts";
import { datasetScope, modelScope, ReadChanges } from "./read-changes.ts";
import { commitTime } from "./read-ref.ts";
import { benchmarkCatalog } from "./registry.ts";
import type { ResultRow } from "./result-rows.ts";
import { serialiseBenchmark } from "./stored-benchmark.ts";
import { refreshEvidence } from "../trust/evidence-refresh.ts";

const INSERT_BATCH = 200;

/** A model's fresh rows and facts, read from git, to be written in one transaction. */
interface ModelUpdate {
  targets: IndexTarget[];
  changed: IndexTarget[];
  removed: string[];
  fresh: Map<string, ResultRow[]>;
  meta: Selectable<ModelMetaTable> | undefined;
  mainTime: string | undefined;
}

export interface IndexOutcome {
  /** Changes of scores this run made visible (for webhooks and feeds). */
  events: HistoryEvent[];
}

/**
 * Keeps the results index equal to what git says: for each repository, its main branch and open pull
 * requests (results), or its eval.yaml (benchmarks). All index work runs one job at a time, within this process
 * (a queue) and across processes on the same database (`lock`): a benchmark's new task list re-classifies other
 * repositories' rows, and two processes indexing one repository at once could leave the older commit indexed.
 */
export class ResultsIndexer {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ctx: ComputeContext,
    private readonly log: Logger,
    private readonly lock: ProcessLock = { run: (job) => job(), close: () => undefined },
    private readonly readChanges: ReadChanges = new ReadChanges(),
  ) {}

  private get db(): Kysely<Database> {
    return this.ctx.db;
  }

  /** Brings one repository's index up to date with its refs; `force` recomputes refs even when their heads did not move. */
  indexRepo(repo: Repo, options: { force?: boolean } = {}): Promise<IndexOutcome> {
    return this.serially(() => (repo.kind === "dataset" ? this.indexBenchmark(repo, options) : this.indexModel(repo, options)));
  }

  private serially<T>(job: () => Promise<T>): Promise<T> {
    const next = this.queue.catch(() => undefined).then(() => this.lock.run(job));
    this.queue = next;
    return next;
  }

  private async indexedRefs(repoId: number): Promise<Map<string, string>> {
    const rows = await this.db.selectFrom("index_refs").select(["ref", "commit"]).where("repo_id", "=", repoId).execute();
    return new Map(rows.map((r) => [r.ref, r.commit]));
  }

  private async indexModel(repo: Repo, options: { force?: boolean }): Promise<IndexOutcome> {
    // Git is read first, through one reader that is closed before the database transaction.
    const update = await withRepoGit(this.ctx, repo, (git) => this.readModel(repo, git, options));
    return update ? this.writeModel(repo, update) : { events: [] };
  }

  /** What indexing a model would change, read from git; null when its index is up to date. */
  private async readModel(repo: Repo, git: RepoGit, options: { force?: boolean }): Promise<ModelUpdate | null> {
    const targets = await indexTargets(this.ctx, repo, git);
    const indexed = await this.indexedRefs(repo.id);
    // A pull request's rows depend on where it branched from main, so a move of main recomputes them too.
    const mainMoved = targets.some((t) => t.ref === MAIN && indexed.get(MAIN) !== t.commit);
    const changed = targets.filter((t) => options.force || indexed.get(t.ref) !== t.commit || (mainMoved && t.prNum !== null));
    const removed = [...indexed.keys()].filter((ref) => !targets.some((t) => t.ref === ref));
    if (changed.length === 0 && removed.length === 0) return null;

    const fresh = new Map<string, ResultRow[]>();
    const mainCommit = targets.find((t) => t.ref === MAIN)?.commit ?? null;
    const main = changed.find((t) => t.ref === MAIN);
    // Together, so that the reader has the requests of all three in flight at once.
    const [, meta, mainTime] = await Promise.all([
      (async () => {
        for (const target of changed) fresh.set(target.ref, await computeRef(this.ctx, repo, target, git, mainCommit));
      })(),
      main ? readModelMeta(git, repo.id, main.commit) : undefined,
      main ? commitTime(git.objects, main.commit) : undefined,
    ]);
    return { targets, changed, removed, fresh, meta, mainTime };
  }

  private async writeModel(repo: Repo, { targets, changed, removed, fresh, meta, mainTime }: ModelUpdate): Promise<IndexOutcome> {
    const now = new Date().toISOString();
    const outcome = await this.db.transaction().execute(async (tx) => {
      const from = await claimReadVersion(tx);
      const events: HistoryEvent[] = [];
      // What this transaction changes, for the read cache: the model's own answers, and the boards of every benchmark its rows were or are on.
      const scopes = [modelScope(repo.namespace, repo.name)];
      for (const ref of [...changed.map((t) => t.ref), ...removed]) {
        const before = await tx.selectFrom("results").selectAll().where("repo_id", "=", repo.id).where("ref", "=", ref).orderBy("id").execute();
        const after = fresh.get(ref) ?? [];
        for (const row of [...before, ...after]) if (row.dataset_key) scopes.push(datasetScope(row.dataset_key));
        const target = changed.find((t) => t.ref === ref);
        const at = await this.eventTime(tx, repo.id, ref, ref === MAIN && mainTime ? mainTime : now);
        events.push(...historyEvents(before, after, at, target?.commit ?? before[0]?.commit ?? ""));
        await tx.deleteFrom("results").where("repo_id", "=", repo.id).where("ref", "=", ref).execute();
        await insertBatches(tx, after);
        await tx.deleteFrom("index_refs").where("repo_id", "=", repo.id).where("ref", "=", ref).execute();
        if (target) await tx.insertInto("index_refs").values({ repo_id: repo.id, ref, commit: target.commit, indexed_at: now }).execute();
      }
      if (meta) {
        await tx.deleteFrom("model_meta").where("repo_id", "=", repo.id).execute();
        await tx.insertInto("model_meta").values(meta).execute();
      } else if (!targets.some((t) => t.ref === MAIN)) {
        await tx.deleteFrom("model_meta").where("repo_id", "=", repo.id).execute();
      }
      for (const batch of chunks(events, INSERT_BATCH)) await tx.insertInto("result_history").values(batch).execute();
      return { events, move: { from, to: await versionInTransaction(tx), scopes } };
    });
    this.readChanges.record(outcome.move.from, outcome.move.to, outcome.move.scopes);
    return { events: outcome.events };
  }

  /** History times only move forward per ref, so "the latest event before T" is well defined. */
  private async eventTime(tx: Transaction<Database>, repoId: number, ref: string, wanted: string): Promise<string> {
    const last = await tx.selectFrom("result_history").select((eb) => eb.fn.max("at").as("at")).where("repo_id", "=", repoId).where("ref", "=", ref).executeTakeFirst();
    const lastAt = (last?.at as string | null | undefined) ?? null;
    return lastAt !== null && lastAt > wanted ? lastAt : wanted;
  }

  private async indexBenchmark(repo: Repo, options: { force?: boolean }): Promise<IndexOutcome> {
    const key = `${repo.namespace}/${repo.name}`.toLowerCase();
    const read = await withRepoGit(this.ctx, repo, async (git) => {
      const [target] = await indexTargets(this.ctx, repo, git);
      const indexed = await this.indexedRefs(repo.id);
      if (!options.force && target && indexed.get(MAIN) === target.commit && indexed.size === 1) return null;
      if (!options.force && !target && indexed.size === 0) return null;
      return { target, benchmark: target ? await readBenchmark(git, { repoId: repo.id, datasetKey: key, mainCommit: target.commit }, this.ctx.frameworks) : null };
    });
    if (!read) return { events: [] };
    const { target, benchmark } = read;
    const before = await this.db.selectFrom("benchmarks").select(["definition", "valid", "problems"]).where("repo_id", "=", repo.id).executeTakeFirst();
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom("benchmarks").where("repo_id", "=", repo.id).execute();
      if (benchmark) await tx.insertInto("benchmarks").values(serialiseBenchmark(benchmark)).execute();
      await tx.deleteFrom("index_refs").where("repo_id", "=", repo.id).execute();
      if (target) await tx.insertInto("index_refs").values({ repo_id: repo.id, ref: MAIN, commit: target.commit, indexed_at: new Date().toISOString() }).execute();
    });
    // Classification depends on the definition, or on the problems when there is none (they are quoted), and on
    // which benchmarks exist at all ("did you mean" of every unknown-benchmark row).
    const after = benchmark ? serialiseBenchmark(benchmark) : null;
    const said = (b: { definition: string | null; problems: string } | null | undefined) => (b ? b.definition ?? `problems:${b.problems}` : null);
    const presenceChanged = (before === undefined) !== (benchmark === null);
    return said(before) !== said(after) || presenceChanged ? this.reclassify(key, presenceChanged) : { events: [] };
  }

  /** After a repository was deleted (its rows went with it): results that pointed at a deleted benchmark are classified again. */
  forget(repo: Repo): Promise<IndexOutcome> {
    if (repo.kind !== "dataset") return Promise.resolve({ events: [] });
    return this.serially(() => this.reclassify(`${repo.namespace}/${repo.name}`.toLowerCase(), true));
  }

  /**
   * After a repository turned public or private: a private benchmark counts only for its owner's private models
   * (see `registry.ts`), so a benchmark's results, every unknown-benchmark row (suggestions) or a model's own
   * results are classified again.
   */
  visibilityChanged(repo: Repo): Promise<IndexOutcome> {
    if (repo.kind === "dataset") return this.serially(() => this.reclassify(`${repo.namespace}/${repo.name}`.toLowerCase(), true));
    return this.indexRepo(repo, { force: true });
  }

  /** Classifies again every result that points at a benchmark whose task list changed. */
  async reclassify(datasetKey: string, alsoUnknownBenchmarks = false): Promise<IndexOutcome> {
    await refreshEvidence(this.ctx, datasetKey);
    const rows = await this.db.selectFrom("results").selectAll()
      .where((eb) => (alsoUnknownBenchmarks ? eb.or([eb("dataset_key", "=", datasetKey), eb("status", "=", "unknown-benchmark")]) : eb("dataset_key", "=", datasetKey)))
      .where("status", "!=", "invalid").orderBy("id").execute();
    if (rows.length === 0) return { events: [] };
    const catalog = await benchmarkCatalog(this.db, [datasetKey, ...rows.map((r) => r.dataset_id ?? "").filter((id) => id !== "")]);
    const models = new Map((await this.db.selectFrom("repos").select(["id", "owner_id", "private"]).where("id", "in", [...new Set(rows.map((r) => r.repo_id))]).execute()).map((m) => [m.id, m]));
    const now = new Date().toISOString();
    return this.db.transaction().execute(async (tx) => {
      const events: HistoryEvent[] = [];
      for (const row of rows) {
        const entry = { index: row.entry_index, line: row.line, column: 1, raw: null, problems: [], entry: { dataset: { id: row.dataset_id ?? "", task_id: row.task_id ?? "" }, value: row.value ?? 0 } } as ParsedResultEntry;
        const model = models.get(row.repo_id);
        if (!model) continue;
        const c = classifyEntry(entry, catalog.forModel(model));
        const reasons = JSON.stringify(c.reasons);
        const suggestions = JSON.stringify(c.suggestions);
        if (c.status === row.status && reasons === row.reasons && suggestions === row.suggestions) continue;
        await tx.updateTable("results").set({ status: c.status, reasons, suggestions }).where("id", "=", row.id).execute();
        if (c.status !== row.status) events.push(...historyEvents([row], [{ ...row, status: c.status }], now, row.commit));
      }
      for (const batch of chunks(events, INSERT_BATCH)) await tx.insertInto("result_history").values(batch).execute();
      return { events };
    });
  }

  /** Every repository, benchmarks first so results are classified against current task lists; resolves to those that failed. */
  async indexAll(repos: Repo[], options: { force?: boolean; onProgress?: (done: number, total: number) => void } = {}): Promise<{ failed: { repo: Repo; error: unknown }[] }> {
    const ordered = [...repos.filter((r) => r.kind === "dataset"), ...repos.filter((r) => r.kind !== "dataset")];
    const failed: { repo: Repo; error: unknown }[] = [];
    let done = 0;
    for (const repo of ordered) {
      try {
        await this.indexRepo(repo, options);
      } catch (err) {
        this.log.error({ err, repo: `${repo.namespace}/${repo.name}` }, "indexing failed");
        failed.push({ repo, error: err });
      }
      options.onProgress?.(++done, ordered.length);
    }
    return { failed };
  }
}

async function insertBatches(tx: Transaction<Database>, rows: ResultRow[]): Promise<void> {
  for (const batch of chunks(rows, INSERT_BATCH)) await tx.insertInto("results").values(batch).execute();
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
