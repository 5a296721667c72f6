import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { Policy } from "../policy.ts";
import type { Repo } from "../repos.ts";
import { MAIN } from "../results/compute.ts";
import { conflictsOf } from "../trust/conflict-service.ts";
import { conflictBody, hiddenBody, resultBody, resultEventName } from "./event-bodies.ts";
import type { HubEvent } from "./events.ts";
import { insertDeliveries, routeEvents } from "./routing.ts";

const BATCH = 500;
const SOURCES = ["result_history", "moderation"] as const;
type Source = (typeof SOURCES)[number];

/**
 * Turns what the index and moderation append (`result_history`, the `moderation` ledger) into deliveries, so
 * every change is seen whoever made it (a request, a git push, the reconciler, a re-verification) and in any
 * process. Each source has a cursor; a batch is routed, then the cursor moves with a compare-and-swap in the
 * same transaction that inserts its deliveries, so two processes never enqueue the same batch twice.
 */
export class EventFeed {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly policy: Policy,
  ) {}

  /**
   * Reads and routes one batch of each source; resolves to how many rows were routed. Without subscribers (a bulk
   * import, say) each cursor skips to the end instead, in one statement per source, and nothing is routed: this
   * runs after every write, and on a hub without webhooks it used to cost a dozen statements each time.
   */
  async pump(): Promise<number> {
    // Read before asking for subscribers: an event after a subscription was made is always above it.
    const ends = { result_history: await maxSourceId(this.db, "result_history"), moderation: await maxSourceId(this.db, "moderation") };
    const hasSubscriptions = (await this.db.selectFrom("webhooks").select("id").where("active", "=", 1).limit(1).executeTakeFirst()) !== undefined;
    if (!hasSubscriptions) {
      await this.skipTo("result_history", ends.result_history);
      await this.skipTo("moderation", ends.moderation);
      return 0;
    }
    return (await this.pumpSource("result_history")) + (await this.pumpSource("moderation"));
  }

  /** Moves a cursor forward to `end` (never back); a cursor not made yet is made at the end when first needed. */
  private async skipTo(source: Source, end: number): Promise<void> {
    await this.db.updateTable("webhook_cursors").set({ last_id: end }).where("name", "=", source).where("last_id", "<", end).execute();
  }

  private async pumpSource(source: Source): Promise<number> {
    const from = await this.cursor(source);
    const { lastId, events, conflictIds } = source === "result_history" ? await this.historyEvents(from) : await this.moderationEvents(from);
    if (lastId === from) return 0;
    const deliveries = await routeEvents(this.db, this.policy, events);
    const moved = await this.db.transaction().execute(async (tx) => {
      const swap = await tx.updateTable("webhook_cursors").set({ last_id: lastId }).where("name", "=", source).where("last_id", "=", from).executeTakeFirst();
      if (Number(swap.numUpdatedRows) !== 1) return false;
      const now = new Date().toISOString();
      for (const id of conflictIds) await tx.insertInto("webhook_conflicts_seen").values({ conflict_id: id, seen_at: now }).onConflict((oc) => oc.column("conflict_id").doNothing()).execute();
      await insertDeliveries(tx, deliveries);
      return true;
    });
    return moved ? lastId - from : 0;
  }

  /** The cursor of a source (made at the end if no subscription made it: see `startFeedCursors`). */
  private async cursor(source: Source): Promise<number> {
    const row = await this.db.selectFrom("webhook_cursors").select("last_id").where("name", "=", source).executeTakeFirst();
    if (row) return row.last_id;
    await startFeedCursors(this.db);
    return this.cursor(source);
  }

  private async historyEvents(from: number) {
    const rows = await this.db.selectFrom("result_history").selectAll().where("id", ">", from).orderBy("id").limit(BATCH).execute();
    const events: HubEvent[] = [];
    const repos = new RepoCache(this.db);
    const groups = new Map<string, { repoId: number; datasetKey: string; taskId: string; at: string }>();
    for (const row of rows) {
      const repo = await repos.get(row.repo_id);
      if (!repo) continue;
      groups.set(`${row.repo_id}|${row.dataset_key}|${row.task_id}`, { repoId: row.repo_id, datasetKey: row.dataset_key, taskId: row.task_id, at: row.at });
      // Pull requests announce themselves (pull_request.*); their rows coming and going are not results of the model.
      if (row.ref !== MAIN) continue;
      events.push({ name: resultEventName(row.change), repoId: row.repo_id, benchmarkRepoIds: await repos.benchmarkIds([row.dataset_key]), body: resultBody(repo, row) });
    }
    const conflictIds: string[] = [];
    for (const group of groups.values()) {
      const conflicts = await conflictsOf(this.db, { viewer: { kind: "admin" }, repoId: group.repoId, datasetKey: group.datasetKey, taskId: group.taskId });
      if (conflicts.length === 0) continue;
      const seen = new Set((await this.db.selectFrom("webhook_conflicts_seen").select("conflict_id").where("conflict_id", "in", conflicts.map((c) => c.id)).execute()).map((r) => r.conflict_id));
      const repo = await repos.get(group.repoId);
      for (const conflict of conflicts) {
        if (seen.has(conflict.id) || conflictIds.includes(conflict.id) || !repo) continue;
        conflictIds.push(conflict.id);
        events.push({ name: "conflict.opened", repoId: group.repoId, benchmarkRepoIds: await repos.benchmarkIds([group.datasetKey]), body: conflictBody(repo, conflict, group.at) });
      }
    }
    return { lastId: rows.at(-1)?.id ?? from, events, conflictIds };
  }

  private async moderationEvents(from: number) {
    const rows = await this.db.selectFrom("moderation").leftJoin("accounts", "accounts.id", "moderation.actor_id")
      .selectAll("moderation").select("accounts.name as actor_name")
      .where("moderation.id", ">", from).orderBy("moderation.id").limit(BATCH).execute();
    const events: HubEvent[] = [];
    const repos = new RepoCache(this.db);
    for (const row of rows) {
      const repo = await repos.get(row.repo_id);
      if (!repo || row.action !== "hide") continue;
      events.push({ name: "result.hidden", repoId: row.repo_id, benchmarkRepoIds: await repos.benchmarkIds(row.dataset_key ? [row.dataset_key] : []), body: hiddenBody(repo, row, row.actor_name ?? null) });
    }
    return { lastId: rows.at(-1)?.id ?? from, events, conflictIds: [] as string[] };
  }
}

/**
 * Makes the cursors that do not exist yet, at each source's end: a hub meeting webhooks for the first time does
 * not replay its past. Subscribing calls this before the subscription is stored, so whatever happens after it is
 * above the cursor; made later (at the first pump), the cursor would pass over events that came in between.
 */
export async function startFeedCursors(db: Kysely<Database>): Promise<void> {
  for (const source of SOURCES) {
    await db.insertInto("webhook_cursors").values({ name: source, last_id: await maxSourceId(db, source) }).onConflict((oc) => oc.column("name").doNothing()).execute();
  }
}

async function maxSourceId(db: Kysely<Database>, source: Source): Promise<number> {
  const max = await db.selectFrom(source).select((eb) => eb.fn.max("id").as("max")).executeTakeFirst();
  return Number(max?.max ?? 0);
}

/** Repositories and benchmark ids looked up once per batch. */
export class RepoCache {
  private readonly repos = new Map<number, Repo | undefined>();
  private readonly benchmarks = new Map<string, number | null>();

  constructor(private readonly db: Kysely<Database>) {}

  async get(id: number): Promise<Repo | undefined> {
    if (!this.repos.has(id)) this.repos.set(id, await this.db.selectFrom("repos").selectAll().where("id", "=", id).executeTakeFirst());
    return this.repos.get(id);
  }

  /** The dataset repositories of the benchmarks with these keys (those that exist). */
  async benchmarkIds(datasetKeys: readonly string[]): Promise<number[]> {
    const out: number[] = [];
    for (const key of datasetKeys) {
      if (!this.benchmarks.has(key)) {
        const row = await this.db.selectFrom("benchmarks").select("repo_id").where("dataset_key", "=", key).executeTakeFirst();
        this.benchmarks.set(key, row?.repo_id ?? null);
      }
      const id = this.benchmarks.get(key);
      if (id !== null && id !== undefined && !out.includes(id)) out.push(id);
    }
    return out;
  }
}
