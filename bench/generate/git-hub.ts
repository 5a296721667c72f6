// A synthetic hub in git: every benchmark and model a bare repository written with `git fast-import`
// (main with history, open and closed pull requests), plus the hub-state rows. The results index is then
// built by the hub's own reindex path, exactly as `evalhub reindex` builds it.
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Kysely } from "kysely";
import type { Database } from "../../src/db/schema.ts";
import { COMMUNITY_PATH, communityFile, evalYaml, modelCard, resultsFile, resultsPath } from "./files.ts";
import { importRepo, inParallel, type ImportCommit } from "./fast-import.ts";
import { insertAccountsAndRepos, insertPullRequests, pullRequestsOf, type GeneratedRepos } from "./hub-db.ts";
import { BENCH_OWNER, benchmarkName, hasHistory, modelName, ownerName, type HubShape } from "./shape.ts";

const START = 1_767_225_600; // 2026-01-01
const ATTRIBUTES = { ".gitattributes": "# synthetic repository\n" };

export const repoDir = (dataDir: string, kind: "model" | "dataset", namespace: string, name: string) =>
  join(dataDir, "repos", `${kind}s`, namespace.toLowerCase(), `${name.toLowerCase()}.git`);

export function benchmarkCommits(shape: HubShape, b: number): ImportCommit[] {
  return [
    { ref: "refs/heads/main", time: START, message: "initial commit", files: ATTRIBUTES },
    { ref: "refs/heads/main", time: START + 60, message: "Add eval.yaml", from: 1, files: { "eval.yaml": evalYaml(shape, b) } },
  ];
}

export function modelCommits(shape: HubShape, model: number): ImportCommit[] {
  const commits: ImportCommit[] = [{ ref: "refs/heads/main", time: START + 3600, message: "initial commit", files: ATTRIBUTES }];
  const results = (version: number) => Object.fromEntries(Array.from({ length: shape.benchmarks }, (_, b) => [resultsPath(b), resultsFile(shape, model, b, version)]));
  if (hasHistory(shape, model)) commits.push({ ref: "refs/heads/main", time: START + 7200, message: "First results", from: commits.length, files: results(1) });
  commits.push({ ref: "refs/heads/main", time: START + 10_800, message: "Results and card", from: commits.length, files: { ...results(0), "README.md": modelCard(shape, model) } });
  const head = commits.length;
  for (const pr of pullRequestsOf(shape, model)) {
    commits.push({ ref: `refs/pr/${pr.num}`, time: START + 14_400 + pr.num, message: "Community result", from: head, files: { [COMMUNITY_PATH]: resultsFileNote(model, pr.num) } });
  }
  return commits;
}

const resultsFileNote = (model: number, num: number) => `${communityFile(model)}# pull request ${num}\n`;

/** Writes every repository below `dataDir/repos` unless a finished marker says they are there already. */
export async function writeGitRepos(dataDir: string, shape: HubShape, options: { parallel?: number; onProgress?: (done: number, total: number) => void } = {}): Promise<void> {
  const marker = join(dataDir, "repos", ".complete");
  if (existsSync(marker)) return;
  const jobs: { dir: string; commits: ImportCommit[] }[] = [];
  for (let b = 0; b < shape.benchmarks; b++) jobs.push({ dir: repoDir(dataDir, "dataset", BENCH_OWNER, benchmarkName(b)), commits: benchmarkCommits(shape, b) });
  for (let m = 0; m < shape.models; m++) jobs.push({ dir: repoDir(dataDir, "model", ownerName(shape, m), modelName(m)), commits: modelCommits(shape, m) });
  let done = 0;
  await inParallel(jobs, options.parallel ?? 2, async (job) => {
    await importRepo(job.dir, job.commits);
    options.onProgress?.(++done, jobs.length);
  });
  writeFileSync(marker, `${JSON.stringify(shape)}\n`);
}

/** The hub-state rows matching the repositories (accounts, repositories, pull requests); the index stays empty. */
export async function writeHubState(db: Kysely<Database>, shape: HubShape, adminToken: string): Promise<GeneratedRepos> {
  const repos = await insertAccountsAndRepos(db, shape, adminToken);
  await insertPullRequests(db, shape, repos);
  return repos;
}
