import type { Kysely } from "kysely";
import type { LeaderboardDbRow, LeaderboardFilter } from "../../db/queries/leaderboard.ts";
import { visibleRepos } from "../../db/queries/visible-repos.ts";
import type { Database } from "../../db/schema.ts";
import type { RowSnapshot } from "./history.ts";

/**
 * The candidate rows of a leaderboard as it stood at `asOf`: for each score, its latest history event at or
 * before then (unless that was its removal), filtered as the live leaderboard is; hidden means hidden then.
 * Visibility and model facts (base model, size) are today's.
 */
export async function pastCandidates(db: Kysely<Database>, f: LeaderboardFilter, asOf: string): Promise<LeaderboardDbRow[]> {
  const events = await db
    .selectFrom("result_history as e")
    .innerJoin("repos", "repos.id", "e.repo_id")
    .leftJoin("model_meta as mm", "mm.repo_id", "e.repo_id")
    .select(["e.id", "e.identity", "e.change", "e.snapshot", "repos.namespace", "repos.name", "repos.owner_id", "repos.repo_key", "mm.num_parameters", "mm.base_model"])
    .where("e.dataset_key", "=", f.datasetKey)
    .where("e.task_id", "=", f.taskId)
    .where("e.at", "<=", asOf)
    .where((eb) => visibleRepos(eb, f.viewer))
    .orderBy("e.at")
    .orderBy("e.id")
    .execute();
  const latest = new Map<string, (typeof events)[number]>();
  for (const event of events) latest.set(event.identity, event);

  const hiddenThen = await hiddenAt(db, asOf);
  const rows: LeaderboardDbRow[] = [];
  for (const event of latest.values()) {
    if (event.change === "removed") continue;
    const s = JSON.parse(event.snapshot) as RowSnapshot;
    if (s.status !== "valid" || s.value === null) continue;
    if (!f.includeCommunity && s.prNum !== null) continue;
    if (f.verifiedOnly && s.verified !== 1) continue;
    if (f.baseModelOnly && event.base_model !== null) continue;
    if (f.maxParams !== null && (event.num_parameters === null || event.num_parameters > f.maxParams)) continue;
    if (hiddenThen.has(`${s.repoId}|${s.ref}|${s.filePath}|${s.contentHash}`)) continue;
    rows.push({
      id: event.id, repo_id: s.repoId, ref: s.ref, pr_num: s.prNum, commit: s.commit, file_path: s.filePath, value: s.value, verified: s.verified,
      verify_reason: null, verify_issuer: s.verifyIssuer ?? null, date: s.date, notes: s.notes, source_url: s.sourceUrl, raw: s.raw ?? "null", content_hash: s.contentHash,
      namespace: event.namespace, name: event.name, owner_id: event.owner_id, num_parameters: event.num_parameters, model_key: event.repo_key,
      is_main: s.prNum === null ? 1 : 0,
    });
  }
  return rows;
}

/** Entries whose last moderation action at or before `asOf` was a hide. */
async function hiddenAt(db: Kysely<Database>, asOf: string): Promise<Set<string>> {
  const actions = await db.selectFrom("moderation").select(["repo_id", "ref", "file_path", "content_hash", "action"]).where("at", "<=", asOf).orderBy("at").orderBy("id").execute();
  const last = new Map<string, string>();
  for (const a of actions) last.set(`${a.repo_id}|${a.ref}|${a.file_path}|${a.content_hash}`, a.action);
  return new Set([...last].filter(([, action]) => action === "hide").map(([key]) => key));
}
