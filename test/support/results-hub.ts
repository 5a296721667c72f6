import { readdir, readFile } from "node:fs/promises";
import { basename, join, relative, resolve } from "node:path";
import { expect } from "vitest";
import type { RepoKind } from "../../src/db/schema.ts";
import type { HubProcess } from "./hub-process.ts";
import { call, createRepoAs, fileLine, headerLine, ndjson, postCommit } from "./write-api.ts";

// Helpers of the eval-results acceptance tests: commits of whole files over the API, JSON reads, and the
// fixtures of ../shared/fixtures loaded into a hub as benchmark datasets and model repositories.

export const FIXTURES = resolve("../shared/fixtures");

/** One commit of whole files (content, or null to delete) over the NDJSON commit API; its oid and, with `createPr`, the PR number. */
export async function commitTo(
  hub: HubProcess,
  token: string,
  id: string,
  files: Record<string, string | Buffer | null>,
  options: { kind?: RepoKind; rev?: string; createPr?: boolean; summary?: string } = {},
): Promise<{ commit: string; pr: number | null }> {
  const lines = Object.entries(files).map(([path, content]) => (content === null ? { key: "deletedFile", value: { path } } : fileLine(path, content)));
  const res = await postCommit(hub, token, id, ndjson(headerLine(options.summary ?? `Update ${Object.keys(files).join(", ")}`), ...lines), {
    kind: options.kind, rev: options.rev, createPr: options.createPr,
  });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  const body = JSON.parse(text) as { commitOid: string; pullRequestUrl?: string };
  const pr = body.pullRequestUrl ? Number(/\/discussions\/(\d+)$/.exec(body.pullRequestUrl)?.[1]) : null;
  return { commit: body.commitOid, pr };
}

/** GET as JSON (with a token when given), checking the status. */
export async function getJson<T = unknown>(hub: HubProcess, path: string, options: { token?: string; status?: number } = {}): Promise<T> {
  const res = await call(hub, "GET", path, { token: options.token });
  const text = await res.text();
  expect(res.status, `${path}: ${text}`).toBe(options.status ?? 200);
  return JSON.parse(text) as T;
}

/** An error answer: status, `X-Error-Code` and the JSON `{error}` body. */
export async function errorOf(res: Response): Promise<{ status: number; code: string | null; error: string }> {
  const text = await res.text();
  let error = "";
  try {
    error = String((JSON.parse(text) as { error?: unknown }).error ?? "");
  } catch {
    error = text;
  }
  return { status: res.status, code: res.headers.get("x-error-code"), error };
}

export interface BoardRow {
  rank: number;
  modelId: string;
  value: number;
  verified: boolean;
  filename: string;
  source?: { url: string; name?: string; isExternal: boolean };
  author: { name: string; type: string };
  notes?: string;
  pullRequest?: number;
  lower_is_better: boolean;
  num_parameters?: number;
  task_id: string;
  date: string;
  commit: string;
  community: boolean;
}

export interface ModelResultRow {
  filename: string;
  entryIndex: number;
  line: number;
  contentHash: string;
  ref: string;
  pullRequest: number | null;
  commit: string;
  datasetId: string | null;
  taskId: string | null;
  value: number | null;
  date: string;
  status: "valid" | "unknown-benchmark" | "unknown-task" | "invalid";
  reasons: string[];
  suggestions: string[];
  badges: { verified: boolean; community: boolean; hidden: boolean };
  data: unknown;
}

/** `GET /api/datasets/{id}/leaderboard?…`. */
export const board = (hub: HubProcess, id: string, query = "", token?: string) =>
  getJson<BoardRow[]>(hub, `/api/datasets/${id}/leaderboard${query ? `?${query}` : ""}`, { token });

/** The leaderboard as `[modelId, value]` pairs in rank order (ranks checked to be 1…n). */
export async function ranking(hub: HubProcess, id: string, query = "", token?: string): Promise<[string, number][]> {
  const rows = await board(hub, id, query, token);
  expect(rows.map((r) => r.rank)).toEqual(rows.map((_, i) => i + 1));
  return rows.map((r) => [r.modelId, r.value]);
}

/** `GET /api/models/{id}/eval-results` (our extension: every entry with its status). */
export const modelResults = (hub: HubProcess, id: string, token?: string) => getJson<ModelResultRow[]>(hub, `/api/models/${id}/eval-results`, { token });

/** Runs the jobs at most `limit` at a time (CLI processes are heavy: each loads the whole hub). */
export async function inBatches<T>(items: readonly T[], limit: number, job: (item: T) => Promise<unknown>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await job(item);
  }));
}

async function filesUnder(dir: string, suffix: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(suffix)).map((e) => join(e.parentPath, e.name)).sort();
}

export interface FixtureBenchmark {
  /** `Idavidrein/gpqa`; the refs/pr/2 file of aime_2025 loads as `MathArena/aime_2025`. */
  id: string;
  file: string;
}

export interface FixtureModelFile {
  /** `MiniMaxAI/MiniMax-M2.5` */
  model: string;
  /** `.eval_results/gpqa.yaml` (the rest of the fixture's name after the model, as it is) */
  path: string;
  file: string;
}

/** `eval-yaml/**\/*.eval.yaml` → benchmark datasets named after their file. */
export async function fixtureBenchmarks(): Promise<FixtureBenchmark[]> {
  const files = await filesUnder(join(FIXTURES, "eval-yaml"), ".eval.yaml");
  return files.map((file) => {
    const stem = basename(file, ".eval.yaml").replace(/__refs-pr-\d+\.INVALID$/, "");
    const [ns, name, ...rest] = stem.split("__");
    if (!ns || !name || rest.length > 0) throw new Error(`cannot name a dataset after ${relative(FIXTURES, file)}`);
    return { id: `${ns}/${name}`, file };
  });
}

/** `eval-results/**\/*.yaml` → `.eval_results/<rest>.yaml` of model `<ns>/<name>`. */
export async function fixtureModelFiles(): Promise<FixtureModelFile[]> {
  const files = await filesUnder(join(FIXTURES, "eval-results"), ".yaml");
  return files.map((file) => {
    const [ns, name, ...rest] = basename(file).split("__");
    if (!ns || !name || rest.length === 0) throw new Error(`cannot name a model after ${relative(FIXTURES, file)}`);
    return { model: `${ns}/${name}`, path: `.eval_results/${rest.join("__")}`, file };
  });
}

/**
 * Loads every fixture into the hub: namespaces as organisations (`evalhub org create`, the user a member),
 * benchmarks first (one commit of eval.yaml each), then one commit per model with all its results files.
 */
export async function loadFixtures(hub: HubProcess, user: string, token: string): Promise<{ benchmarks: FixtureBenchmark[]; models: Map<string, FixtureModelFile[]> }> {
  const benchmarks = await fixtureBenchmarks();
  const modelFiles = await fixtureModelFiles();
  const models = new Map<string, FixtureModelFile[]>();
  for (const f of modelFiles) models.set(f.model, [...(models.get(f.model) ?? []), f]);
  const namespaces = [...new Set([...benchmarks.map((b) => b.id), ...models.keys()].map((id) => id.split("/")[0]!))];
  await inBatches(namespaces, 2, (ns) => hub.cli(["org", "create", ns, "--member", `${user}:admin`]));
  for (const b of benchmarks) {
    await createRepoAs(hub, token, b.id, { kind: "dataset" });
    await commitTo(hub, token, b.id, { "eval.yaml": await readFile(b.file) }, { kind: "dataset", summary: "Add eval.yaml" });
  }
  for (const [model, files] of models) {
    await createRepoAs(hub, token, model);
    const contents: Record<string, Buffer> = {};
    for (const f of files) contents[f.path] = await readFile(f.file);
    await commitTo(hub, token, model, contents, { summary: "Add eval results" });
  }
  return { benchmarks, models };
}
