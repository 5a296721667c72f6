// A synthetic hub's results index written straight into the database through the db layer, with no git behind
// it: the only way to reach a million indexed entries in seconds (see docs/benchmarks.md). Each row has the shape
// the indexer writes: one template per file is made by the indexer's own pure row builder (`resultRows`) from
// the generator's file text, and copied per model with that model's values, hashes and commit.
import { createHash } from "node:crypto";
import type { Insertable, Kysely } from "kysely";
import type { Database } from "../../src/db/schema.ts";
import type { ModelMetaTable } from "../../src/db/schema-results.ts";
import { validateEvalYaml } from "../../src/formats/eval-yaml.ts";
import { DEFAULT_FRAMEWORKS } from "../../src/formats/frameworks.ts";
import { historyEvents } from "../../src/hub/results/history.ts";
import { registryFor } from "../../src/hub/results/registry.ts";
import { contentHash, parseResultsFiles, resultRows, type ResultRow } from "../../src/hub/results/result-rows.ts";
import { serialiseBenchmark } from "../../src/hub/results/stored-benchmark.ts";
import { COMMUNITY_PATH, communityEntry, communityFile, evalYaml, resultEntries, resultsFile, resultsPath } from "./files.ts";
import { chunks, CREATED_AT, insertAccountsAndRepos, insertPullRequests, pullRequestsOf, type GeneratedRepos } from "./hub-db.ts";
import { benchmarkId, hasHistory, isFineTune, parameters, type HubShape } from "./shape.ts";

const MAIN = "refs/heads/main";
const fakeCommit = (...parts: (string | number)[]) => createHash("sha1").update(parts.join("|")).digest("hex");

export interface IndexRowsSummary {
  results: number;
  history: number;
}

/** Everything a hub of `shape` holds in its database once indexed; `onProgress` is called per model batch. */
export async function writeIndexRows(db: Kysely<Database>, shape: HubShape, adminToken: string, onProgress?: (done: number, total: number) => void): Promise<GeneratedRepos & IndexRowsSummary> {
  const repos = await insertAccountsAndRepos(db, shape, adminToken);
  await insertPullRequests(db, shape, repos);
  for (let b = 0; b < shape.benchmarks; b++) {
    const repoId = repos.benchmarkIds[b] as number;
    const commit = fakeCommit("dataset", b);
    const definition = validateEvalYaml(evalYaml(shape, b), { file: "eval.yaml", frameworks: DEFAULT_FRAMEWORKS }).benchmark;
    await db.insertInto("benchmarks").values(serialiseBenchmark({ repoId, datasetKey: benchmarkId(b).toLowerCase(), mainCommit: commit, valid: true, problems: [], definition, definitionCommit: commit })).execute();
    await db.insertInto("index_refs").values({ repo_id: repoId, ref: MAIN, commit, indexed_at: CREATED_AT }).execute();
  }
  // Every generated model and benchmark is public, so any public standing classifies them alike.
  const registry = await registryFor(db, Array.from({ length: shape.benchmarks }, (_, b) => benchmarkId(b)), { owner_id: 0, private: 0 });
  const rowsOf = (model: number, repoId: number, ref: string, prNum: number | null, files: { path: string; text: string }[], at: string): ResultRow[] => {
    const commit = fakeCommit(model, ref, at);
    const parsed = parseResultsFiles(files.map((f) => ({ path: f.path, bytes: Buffer.from(f.text) })));
    return resultRows({ repoId, ref, prNum, commit, commitTime: at }, parsed, registry);
  };
  // Templates: the rows of model 0; each model's rows differ in repository, commit, value, source and hash.
  const template = rowsOf(0, 0, MAIN, null, mainFiles(shape, 0, 0), CREATED_AT);
  const communityTemplate = rowsOf(0, 0, "refs/pr/1", 1, [{ path: COMMUNITY_PATH, text: communityFile(0) }], CREATED_AT);
  let results = 0;
  let history = 0;
  const modelNumbers = Array.from({ length: shape.models }, (_, m) => m);
  let done = 0;
  for (const batch of chunks(modelNumbers, 1000)) {
    const resultBatch: ResultRow[] = [];
    const historyBatch: ReturnType<typeof historyEvents> = [];
    const refs: Insertable<Database["index_refs"]>[] = [];
    const metas: Insertable<ModelMetaTable>[] = [];
    for (const model of batch) {
      const repoId = repos.modelIds[model] as number;
      const main = copyRows(template, repoId, fakeCommit(model, MAIN), (i) => entryOf(shape, model, i, 0));
      resultBatch.push(...main);
      refs.push({ repo_id: repoId, ref: MAIN, commit: main[0]?.commit ?? fakeCommit(model, MAIN), indexed_at: CREATED_AT });
      metas.push({ repo_id: repoId, commit: fakeCommit(model, MAIN), num_parameters: parameters(model), params_source: "model card", base_model: isFineTune(shape, model) ? `lab-0/model-${model % 97}` : null });
      if (hasHistory(shape, model)) {
        const older = copyRows(template, repoId, fakeCommit(model, "older"), (i) => entryOf(shape, model, i, 1));
        historyBatch.push(...historyEvents([], older, "2026-01-01T02:00:00.000Z", fakeCommit(model, "older")), ...historyEvents(older, main, "2026-01-01T03:00:00.000Z", fakeCommit(model, MAIN)));
      }
      if (pullRequestsOf(shape, model).some((pr) => pr.open)) {
        const proposed = copyRows(communityTemplate, repoId, fakeCommit(model, "refs/pr/1"), () => communityEntry(model));
        resultBatch.push(...proposed);
        refs.push({ repo_id: repoId, ref: "refs/pr/1", commit: fakeCommit(model, "refs/pr/1"), indexed_at: CREATED_AT });
      }
    }
    await db.transaction().execute(async (tx) => {
      for (const rows of chunks(resultBatch, 400)) await tx.insertInto("results").values(rows).execute();
      for (const rows of chunks(historyBatch, 400)) await tx.insertInto("result_history").values(rows).execute();
      for (const rows of chunks(refs)) await tx.insertInto("index_refs").values(rows).execute();
      for (const rows of chunks(metas)) await tx.insertInto("model_meta").values(rows).execute();
    });
    results += resultBatch.length;
    history += historyBatch.length;
    onProgress?.((done += batch.length), shape.models);
  }
  return { ...repos, results, history };
}

function mainFiles(shape: HubShape, model: number, version: number): { path: string; text: string }[] {
  return Array.from({ length: shape.benchmarks }, (_, b) => ({ path: resultsPath(b), text: resultsFile(shape, model, b, version) }));
}

/** Entry `i` of a model's main files (benchmark-major, as the files are read in path order). */
function entryOf(shape: HubShape, model: number, i: number, version: number): Record<string, unknown> {
  return resultEntries(shape, model, Math.floor(i / shape.tasksPerBenchmark), version)[i % shape.tasksPerBenchmark] as Record<string, unknown>;
}

function copyRows(template: readonly ResultRow[], repoId: number, commit: string, entry: (i: number) => Record<string, unknown>): ResultRow[] {
  return template.map((row, i) => {
    const raw = entry(i);
    const source = raw.source as { url?: string } | undefined;
    return { ...row, repo_id: repoId, commit, value: raw.value as number, raw: JSON.stringify(raw), content_hash: contentHash(raw), source_url: source?.url ?? null };
  });
}
