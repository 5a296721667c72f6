import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { visibleRepos, type Viewer } from "../../db/queries/visible-repos.ts";
import { badRequest, conflict, notFound } from "../errors.ts";
import type { Actor, Policy } from "../policy.ts";
import type { Repo } from "../repos.ts";

/** An entry of a model's results, as moderation names it: repository, ref, file and content hash. */
export interface EntryKey {
  ref: string;
  filePath: string;
  contentHash: string;
}

export interface LedgerRecord {
  id: number;
  action: "hide" | "unhide";
  reason: string;
  actor: string | null;
  at: string;
  model: string;
  ref: string;
  filePath: string;
  contentHash: string;
  datasetKey: string | null;
  taskId: string | null;
  value: number | null;
  /** Whether the entry is hidden now (the last action on it was a hide). */
  hiddenNow: boolean;
}

const MAX_REASON = 500;

/** Hiding and unhiding results, in the open: every action goes to a public ledger with who, when and why. */
export class Moderation {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly policy: Policy,
  ) {}

  async hide(actor: Actor, repo: Repo, key: EntryKey, reason: string): Promise<LedgerRecord> {
    return this.act(actor, repo, key, reason, "hide");
  }

  async unhide(actor: Actor, repo: Repo, key: EntryKey, reason: string): Promise<LedgerRecord> {
    return this.act(actor, repo, key, reason, "unhide");
  }

  private async act(actor: Actor, repo: Repo, key: EntryKey, reason: string, action: "hide" | "unhide"): Promise<LedgerRecord> {
    await this.policy.assertWrite(actor, repo);
    const text = reason.trim();
    if (text === "") throw badRequest("ReasonRequired", "say why: a reason is required to hide or unhide a result");
    if (text.length > MAX_REASON) throw badRequest("ReasonTooLong", `the reason is over ${MAX_REASON} characters`);
    const entry = await this.db
      .selectFrom("results").select(["dataset_key", "task_id", "value"])
      .where("repo_id", "=", repo.id).where("ref", "=", key.ref).where("file_path", "=", key.filePath).where("content_hash", "=", key.contentHash)
      .executeTakeFirst();
    const hidden = await this.isHidden(repo.id, key);
    if (action === "hide" && !entry) throw notFound("ResultNotFound", `no result ${key.contentHash.slice(0, 12)}… in ${key.filePath} at ${key.ref}`);
    if (action === "hide" && hidden) throw conflict("AlreadyHidden", "this result is already hidden");
    if (action === "unhide" && !hidden) throw conflict("NotHidden", "this result is not hidden");
    const at = new Date().toISOString();
    const id = await this.db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto("moderation")
        .values({
          repo_id: repo.id, ref: key.ref, file_path: key.filePath, content_hash: key.contentHash, action, reason: text,
          actor_id: actor.user?.id ?? null, dataset_key: entry?.dataset_key ?? null, task_id: entry?.task_id ?? null, value: entry?.value ?? null, at,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const where = tx.deleteFrom("hidden_entries").where("repo_id", "=", repo.id).where("ref", "=", key.ref).where("file_path", "=", key.filePath).where("content_hash", "=", key.contentHash);
      await where.execute();
      if (action === "hide") await tx.insertInto("hidden_entries").values({ repo_id: repo.id, ref: key.ref, file_path: key.filePath, content_hash: key.contentHash, moderation_id: row.id }).execute();
      return row.id;
    });
    const [record] = await this.ledger({ viewer: { kind: "admin" }, moderationId: id });
    return record!;
  }

  async isHidden(repoId: number, key: EntryKey): Promise<boolean> {
    const row = await this.db.selectFrom("hidden_entries").select("repo_id")
      .where("repo_id", "=", repoId).where("ref", "=", key.ref).where("file_path", "=", key.filePath).where("content_hash", "=", key.contentHash)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The ledger of a model, of a benchmark, or one record; newest first; only what the viewer may read. */
  async ledger(q: { viewer: Viewer; repoId?: number; datasetKey?: string; moderationId?: number; limit?: number }): Promise<LedgerRecord[]> {
    let query = this.db
      .selectFrom("moderation as m")
      .innerJoin("repos", "repos.id", "m.repo_id")
      .leftJoin("accounts as a", "a.id", "m.actor_id")
      .leftJoin("hidden_entries as h", (j) => j.onRef("h.repo_id", "=", "m.repo_id").onRef("h.ref", "=", "m.ref").onRef("h.file_path", "=", "m.file_path").onRef("h.content_hash", "=", "m.content_hash"))
      .select(["m.id", "m.action", "m.reason", "a.name as actor", "m.at", "repos.namespace", "repos.name", "m.ref", "m.file_path", "m.content_hash", "m.dataset_key", "m.task_id", "m.value", "h.moderation_id"])
      .where((eb) => visibleRepos(eb, q.viewer));
    if (q.repoId !== undefined) query = query.where("m.repo_id", "=", q.repoId);
    if (q.datasetKey !== undefined) query = query.where("m.dataset_key", "=", q.datasetKey);
    if (q.moderationId !== undefined) query = query.where("m.id", "=", q.moderationId);
    const rows = await query.orderBy("m.id", "desc").limit(q.limit ?? 500).execute();
    return rows.map((r) => ({
      id: r.id, action: r.action, reason: r.reason, actor: r.actor ?? null, at: r.at, model: `${r.namespace}/${r.name}`, ref: r.ref, filePath: r.file_path,
      contentHash: r.content_hash, datasetKey: r.dataset_key, taskId: r.task_id, value: r.value, hiddenNow: r.moderation_id !== null,
    }));
  }
}
