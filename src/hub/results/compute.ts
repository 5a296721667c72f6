import type { Kysely, Selectable } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { ModelMetaTable } from "../../db/schema-results.ts";
import { resolveRef } from "../../git/refs.ts";
import { trustSet, type TrustedKey } from "../../formats/trust/trusted-keys.ts";
import { repoId, type Repo } from "../repos.ts";
import type { StoredBenchmark } from "./benchmark-definition.ts";
import { trustColumns } from "../trust/evidence.ts";
import { readBenchmark } from "./read-benchmark.ts";
import { readModelMeta } from "./read-model-meta.ts";
import { commitTime, fileTimes, readResultsFiles } from "./read-ref.ts";
import { proposedRows } from "./pull-request-scope.ts";
import { registryFor } from "./registry.ts";
import { parseResultsFiles, resultRows, type ResultRow } from "./result-rows.ts";

export const MAIN = "refs/heads/main";

/** A ref whose results count: main, or an open (or draft) pull request. */
export interface IndexTarget {
  ref: string;
  prNum: number | null;
  commit: string;
}

/** Everything the index derives from one repository's git refs. */
export interface RepoIndex {
  targets: IndexTarget[];
  results: ResultRow[];
  meta: Selectable<ModelMetaTable> | null;
  benchmark: StoredBenchmark | null;
}

export interface ComputeContext {
  db: Kysely<Database>;
  gitDir: (repo: Repo) => string;
  frameworks: readonly string[];
  /** The keys whose verifyTokens are trusted now (hub key and registered issuers); none when absent. */
  trustedKeys?: () => Promise<readonly TrustedKey[]>;
}

/** The refs of a model repository whose results count, with their heads in git now. */
export async function indexTargets(ctx: ComputeContext, repo: Repo): Promise<IndexTarget[]> {
  const gitDir = ctx.gitDir(repo);
  const targets: IndexTarget[] = [];
  const main = await resolveRef(gitDir, MAIN);
  if (main) targets.push({ ref: MAIN, prNum: null, commit: main });
  if (repo.kind !== "model") return targets;
  const open = await ctx.db
    .selectFrom("discussions")
    .select(["num", "git_ref"])
    .where("repo_id", "=", repo.id)
    .where("kind", "=", "pull_request")
    .where("status", "in", ["open", "draft"])
    .orderBy("num")
    .execute();
  for (const pr of open) {
    const ref = pr.git_ref ?? `refs/pr/${pr.num}`;
    const commit = await resolveRef(gitDir, ref);
    if (commit) targets.push({ ref, prNum: pr.num, commit });
  }
  return targets;
}

/** The index rows of one ref at one commit. */
export async function computeRef(ctx: ComputeContext, repo: Repo, target: IndexTarget): Promise<ResultRow[]> {
  const gitDir = ctx.gitDir(repo);
  const files = parseResultsFiles(await readResultsFiles(gitDir, target.commit));
  const datasetIds = files.flatMap((f) => f.parsed.entries.map((e) => (e.raw as { dataset?: { id?: unknown } } | null)?.dataset?.id)).filter((id): id is string => typeof id === "string");
  const registry = await registryFor(ctx.db, datasetIds);
  const snapshot = { repoId: repo.id, ref: target.ref, prNum: target.prNum, commit: target.commit, commitTime: await commitTime(gitDir, target.commit) };
  const signed = files.some((f) => f.parsed.entries.some((e) => e.entry?.verifyToken !== undefined));
  const keys = signed && ctx.trustedKeys ? await ctx.trustedKeys() : [];
  const verify = { model: repoId(repo), trust: trustSet(keys) };
  const times = await fileTimes(gitDir, target.commit, files.map((f) => f.path));
  const perFile = files.flatMap((f) => resultRows({ ...snapshot, commitTime: times.get(f.path) ?? snapshot.commitTime }, [f], registry, verify));
  const rows = target.prNum === null ? perFile : await proposedRows(gitDir, target.commit, perFile);
  return trustColumns(ctx.db, gitDir, repoId(repo), target.commit, rows);
}

/** What the index should hold for a repository, read from git alone (plus which pull requests are open). */
export async function computeRepo(ctx: ComputeContext, repo: Repo): Promise<RepoIndex> {
  const targets = await indexTargets(ctx, repo);
  const main = targets.find((t) => t.ref === MAIN);
  if (repo.kind === "dataset") {
    const benchmark = main ? await readBenchmark(ctx.gitDir(repo), { repoId: repo.id, datasetKey: `${repo.namespace}/${repo.name}`.toLowerCase(), mainCommit: main.commit }, ctx.frameworks) : null;
    return { targets: main ? [main] : [], results: [], meta: null, benchmark };
  }
  const results: ResultRow[] = [];
  for (const target of targets) results.push(...(await computeRef(ctx, repo, target)));
  const meta = main ? await readModelMeta(ctx.gitDir(repo), repo.id, main.commit) : null;
  return { targets, results, meta, benchmark: null };
}
