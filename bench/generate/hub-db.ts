// The hub-state rows of a synthetic hub (accounts, repositories, pull requests), written through the db layer.
import type { Insertable, Kysely } from "kysely";
import { openDatabase } from "../../src/db/connect.ts";
import type { DialectName } from "../../src/db/dialect.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import type { Database, DiscussionsTable, ReposTable } from "../../src/db/schema.ts";
import { Accounts } from "../../src/hub/accounts.ts";
import { repoKey } from "../../src/hub/repos.ts";
import { BENCH_OWNER, benchmarkName, hasClosedPr, hasOpenPr, modelName, ownerName, type HubShape } from "./shape.ts";

export const BATCH = 500;
export const CREATED_AT = "2026-01-01T00:00:00.000Z";

export interface GeneratedRepos {
  /** Repository id of each benchmark dataset, by benchmark number. */
  benchmarkIds: number[];
  /** Repository id of each model, by model number. */
  modelIds: number[];
  /** A write token of the site admin `admin`. */
  adminToken: string;
}

export async function openMigrated(url: string): Promise<{ db: Kysely<Database>; dialect: DialectName }> {
  const opened = openDatabase(url);
  await migrateToLatest(opened.db, opened.dialect);
  return opened;
}

export function chunks<T>(items: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The site admin, the benchmark owner, one user per model owner, and every repository. */
export async function insertAccountsAndRepos(db: Kysely<Database>, shape: HubShape, adminToken: string): Promise<GeneratedRepos> {
  const accounts = new Accounts(db);
  const admin = await accounts.createUser({ name: "admin", admin: true });
  await accounts.issueToken(admin.id, { name: "bench", role: "write", token: adminToken });
  const names = [BENCH_OWNER, ...Array.from({ length: shape.owners }, (_, i) => `lab-${i}`)];
  const ownerIds = new Map<string, number>();
  for (const batch of chunks(names)) {
    const rows = await db
      .insertInto("accounts")
      .values(batch.map((name) => ({ kind: "user" as const, name, name_key: name.toLowerCase(), fullname: name, email: null, password_hash: null, is_admin: 0, created_at: CREATED_AT })))
      .returning(["id", "name"])
      .execute();
    for (const row of rows) ownerIds.set(row.name, row.id);
  }
  const repo = (kind: "model" | "dataset", namespace: string, name: string): Insertable<ReposTable> => ({
    kind, owner_id: ownerIds.get(namespace) ?? 0, namespace, name, repo_key: repoKey({ kind, namespace, name }), private: 0, created_at: CREATED_AT, updated_at: CREATED_AT,
  });
  const benchmarkIds = await insertRepos(db, Array.from({ length: shape.benchmarks }, (_, b) => repo("dataset", BENCH_OWNER, benchmarkName(b))));
  const modelIds = await insertRepos(db, Array.from({ length: shape.models }, (_, m) => repo("model", ownerName(shape, m), modelName(m))));
  return { benchmarkIds, modelIds, adminToken };
}

async function insertRepos(db: Kysely<Database>, repos: Insertable<ReposTable>[]): Promise<number[]> {
  const ids: number[] = [];
  for (const batch of chunks(repos)) {
    const rows = await db.insertInto("repos").values(batch).returning("id").execute();
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

/** Pull request numbers: an open one is #1, a closed one #2 (or #1 when there is no open one). */
export function pullRequestsOf(shape: HubShape, model: number): { num: number; open: boolean }[] {
  const prs: { num: number; open: boolean }[] = [];
  if (hasOpenPr(shape, model)) prs.push({ num: 1, open: true });
  if (hasClosedPr(shape, model)) prs.push({ num: prs.length + 1, open: false });
  return prs;
}

export async function insertPullRequests(db: Kysely<Database>, shape: HubShape, repos: GeneratedRepos): Promise<void> {
  const rows: Insertable<DiscussionsTable>[] = [];
  repos.modelIds.forEach((repoId, model) => {
    for (const pr of pullRequestsOf(shape, model)) {
      rows.push({
        repo_id: repoId, num: pr.num, kind: "pull_request", title: "Community result", status: pr.open ? "open" : "closed", author_id: null,
        git_ref: `refs/pr/${pr.num}`, base_ref: "refs/heads/main", created_at: CREATED_AT, updated_at: CREATED_AT,
      });
    }
  });
  for (const batch of chunks(rows)) await db.insertInto("discussions").values(batch).execute();
}
