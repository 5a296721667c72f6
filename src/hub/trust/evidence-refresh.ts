import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { withCatFileReader } from "../../git/cat-file.ts";
import type { Repo } from "../repos.ts";
import { trustColumns } from "./evidence.ts";

const EVIDENCE_COLUMNS = ["evidence_path", "evidence_status", "evidence_detail", "evidence_sha256", "evidence_stderr", "evidence_samples"] as const;

/**
 * Judges again the evidence of results that point at a benchmark whose definition changed: a task's `metric`
 * decides which metric of a log is compared. Only rows with evidence can change; their logs are read again.
 */
export async function refreshEvidence(ctx: { db: Kysely<Database>; gitDir: (repo: Repo) => string }, datasetKey: string): Promise<void> {
  const rows = await ctx.db.selectFrom("results").selectAll().where("dataset_key", "=", datasetKey).where("evidence_path", "is not", null).orderBy("id").execute();
  if (rows.length === 0) return;
  const repos = new Map((await ctx.db.selectFrom("repos").selectAll().where("id", "in", [...new Set(rows.map((r) => r.repo_id))]).execute()).map((r) => [r.id, r]));
  const groups = new Map<string, typeof rows>();
  for (const row of rows) groups.set(`${row.repo_id}|${row.commit}`, [...(groups.get(`${row.repo_id}|${row.commit}`) ?? []), row]);
  for (const group of groups.values()) {
    const repo = repos.get(group[0]!.repo_id);
    if (!repo) continue;
    const judged = await withCatFileReader(ctx.gitDir(repo), (reader) => trustColumns(ctx.db, reader, repo, group[0]!.commit, group));
    for (const row of judged) {
      const before = group.find((r) => r.id === row.id);
      if (before && EVIDENCE_COLUMNS.every((c) => before[c] === row[c])) continue;
      const values = Object.fromEntries(EVIDENCE_COLUMNS.map((c) => [c, row[c]]));
      await ctx.db.updateTable("results").set(values).where("id", "=", row.id).execute();
    }
  }
}
