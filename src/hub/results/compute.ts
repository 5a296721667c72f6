import type { Kysely, Selectable } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { ModelMetaTable } from "../../db/schema-results.ts";
import { withCatFileReader, type CatFileReader } from "../../git/cat-file.ts";
import { readRefHeads } from "../../git/ref-heads.ts";
import { isValidRefName } from "../../git/ref-names.ts";
import { trustSet, type TrustedKey } from "../../formats/trust/trusted-keys.ts";
import { repoId, type Repo } from "../repos.ts";
import type { StoredBenchmark } from "./benchmark-definition.ts";
import { trustColumns } from "../trust/evidence.ts";
import { readBenchmark } from "./read-benchmark.ts";
import { readModelMeta } from "./read-model-meta.ts";
import { readParsedResults } from "./parsed-results.ts";
import { commitTime, fileTimes } from "./read-ref.ts";
import { proposedRows } from "./pull-request-scope.ts";
import { registryFor } from "./registry.ts";
import { resultRows, usesCommitTime, type ResultRow } from "./result-rows.ts";

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

/** One repository's git as an index job reads it: every tree, blob and commit through one `cat-file` process. */
export interface RepoGit {
  dir: string;
  objects: CatFileReader;
}

export function withRepoGit<T>(ctx: ComputeContext, repo: Repo, work: (git: RepoGit) => Promise<T>): Promise<T> {
  const dir = ctx.gitDir(repo);
  return withCatFileReader(dir, (objects) => work({ dir, objects }));
}

/** The refs of a repository whose results count (a dataset: main), with their heads in git now. */
export async function indexTargets(ctx: ComputeContext, repo: Repo, git: RepoGit): Promise<IndexTarget[]> {
  const open = repo.kind !== "model" ? [] : await ctx.db
    .selectFrom("discussions")
    .select(["num", "git_ref"])
    .where("repo_id", "=", repo.id)
    .where("kind", "=", "pull_request")
    .where("status", "in", ["open", "draft"])
    .orderBy("num")
    .execute();
  const prs = open.map((pr) => ({ ref: pr.git_ref ?? `refs/pr/${pr.num}`, prNum: pr.num })).filter((pr) => pr.ref.startsWith("refs/") && isValidRefName(pr.ref));
  const heads = await readRefHeads(git.objects, [MAIN, ...prs.map((pr) => pr.ref)]);
  const targets: IndexTarget[] = [];
  for (const { ref, prNum } of [{ ref: MAIN, prNum: null }, ...prs]) {
    const commit = heads.get(ref);
    if (commit) targets.push({ ref, prNum, commit });
  }
  return targets;
}

/** The index rows of one ref at one commit; `mainCommit` is where the pull request targets branch from. */
export async function computeRef(ctx: ComputeContext, repo: Repo, target: IndexTarget, git: RepoGit, mainCommit: string | null): Promise<ResultRow[]> {
  const [files, time] = await Promise.all([readParsedResults(git.objects, target.commit), commitTime(git.objects, target.commit)]);
  const datasetIds = files.flatMap((f) => f.parsed.entries.map((e) => (e.raw as { dataset?: { id?: unknown } } | null)?.dataset?.id)).filter((id): id is string => typeof id === "string");
  const registry = await registryFor(ctx.db, datasetIds, repo);
  const snapshot = { repoId: repo.id, ref: target.ref, prNum: target.prNum, commit: target.commit, commitTime: time };
  const signed = files.some((f) => f.parsed.entries.some((e) => e.entry?.verifyToken !== undefined));
  const keys = signed && ctx.trustedKeys ? await ctx.trustedKeys() : [];
  const verify = { model: repoId(repo), trust: trustSet(keys) };
  // A file's time is a walk of history: only files with a row dated by it need one.
  const timed = files.filter((f) => usesCommitTime(f.parsed)).map((f) => f.path);
  const times = timed.length === 0 ? new Map<string, string>() : await fileTimes(git.objects, target.commit, timed, snapshot.commitTime);
  const perFile = files.flatMap((f) => resultRows({ ...snapshot, commitTime: times.get(f.path) ?? snapshot.commitTime }, [f], registry, verify));
  const rows = target.prNum === null ? perFile : await proposedRows(git, mainCommit, target.commit, perFile);
  return trustColumns(ctx.db, git.objects, repo, target.commit, rows);
}

/** What the index should hold for a repository, read from git alone (plus which pull requests are open). */
export function computeRepo(ctx: ComputeContext, repo: Repo): Promise<RepoIndex> {
  return withRepoGit(ctx, repo, async (git) => {
    const targets = await indexTargets(ctx, repo, git);
    const main = targets.find((t) => t.ref === MAIN);
    if (repo.kind === "dataset") {
      const benchmark = main ? await readBenchmark(git, { repoId: repo.id, datasetKey: `${repo.namespace}/${repo.name}`.toLowerCase(), mainCommit: main.commit }, ctx.frameworks) : null;
      return { targets: main ? [main] : [], results: [], meta: null, benchmark };
    }
    const results: ResultRow[] = [];
    for (const target of targets) results.push(...(await computeRef(ctx, repo, target, git, main?.commit ?? null)));
    const meta = main ? await readModelMeta(git, repo.id, main.commit) : null;
    return { targets, results, meta, benchmark: null };
  });
}
