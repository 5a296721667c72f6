import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { EvidenceColumns } from "../../db/schema-evidence.ts";
import { canonicalJson } from "../../formats/canonical-json.ts";
import { resultEntrySchema, type ResultEntry } from "../../formats/eval-results-schema.ts";
import { evidenceFile, MAX_EVIDENCE_BYTES, type EvidenceFile } from "../../formats/evidence/evidence-file.ts";
import { evidenceLocation } from "../../formats/evidence/evidence-location.ts";
import { judgeEvidence } from "../../formats/evidence/judge-evidence.ts";
import { blobSpec } from "../../git/blob.ts";
import type { CatFileReader } from "../../git/cat-file.ts";
import { GitObjectTooLargeError, UnsafeGitInputError } from "../../git/errors.ts";
import { repoId, type Repo } from "../repos.ts";
import { parseDefinition } from "../results/benchmark-definition.ts";
import { benchmarkCountsFor, type ModelStanding } from "../results/registry.ts";

/** Most distinct logs read for one commit; entries pointing at more are reported unusable, not read. */
export const MAX_EVIDENCE_LOGS = 200;

/** The row fields trust needs: what the entry says, where it points, and what it was read at. */
export interface TrustInput {
  raw: string;
  status: string;
  dataset_key?: string | null;
  task_id?: string | null;
}

const NO_EVIDENCE = { evidence_path: null, evidence_status: null, evidence_detail: null, evidence_sha256: null, evidence_stderr: null, evidence_samples: null } as const;

/**
 * The setup and evidence columns of rows read at one commit of one model repository: the entry's `setup` as
 * canonical JSON, and its log (evidence.path, or a source.url into this repository) read at the same commit through
 * `reader` and judged against the entry. A function of git and of the benchmarks' task metrics.
 */
export async function trustColumns<R extends TrustInput>(db: Kysely<Database>, reader: CatFileReader, model: ModelStanding & Pick<Repo, "namespace" | "name">, commit: string, rows: readonly R[]): Promise<(R & EvidenceColumns)[]> {
  const modelId = repoId(model);
  const entries = rows.map((row) => (row.status === "invalid" ? null : entryOf(row.raw)));
  const locations = entries.map((entry) => (entry ? evidenceLocation(entry, modelId) : null));
  const files = await readLogs(reader, commit, locations.flatMap((l) => (l ? [l.path] : [])));
  const metrics = await taskMetrics(db, rows.flatMap((r, i) => (r.dataset_key && locations[i] ? [r.dataset_key] : [])), model);
  return rows.map((row, i) => {
    const entry = entries[i];
    const location = locations[i];
    const setup = entry?.setup ? canonicalJson(entry.setup) : null;
    const file = location ? files.get(location.path) : undefined;
    // A source.url naming no file here may be another host's URL of the same shape: it is then no evidence at all.
    if (!entry || !location || !file || (file.kind === "missing" && location.via === "source.url")) return { ...row, setup, ...NO_EVIDENCE };
    const taskMetric = metrics.get(`${row.dataset_key}|${row.task_id}`);
    const verdict = judgeEvidence({ entry, modelId, location, commit, ...(taskMetric === undefined ? {} : { taskMetric }) }, file);
    return {
      ...row, setup, evidence_path: verdict.path, evidence_status: verdict.status, evidence_detail: verdict.detail,
      evidence_sha256: verdict.sha256, evidence_stderr: verdict.stderr, evidence_samples: verdict.samples,
    };
  });
}

function entryOf(raw: string): ResultEntry | null {
  try {
    return resultEntrySchema.safeParse(JSON.parse(raw)).data ?? null;
  } catch {
    return null;
  }
}

/** Each distinct path read once, through the caller's `git cat-file` process. */
async function readLogs(reader: CatFileReader, commit: string, paths: readonly string[]): Promise<Map<string, EvidenceFile>> {
  const out = new Map<string, EvidenceFile>();
  for (const [index, path] of [...new Set(paths)].entries()) {
    if (index >= MAX_EVIDENCE_LOGS) out.set(path, { kind: "over-limit", limit: MAX_EVIDENCE_LOGS });
    else out.set(path, await readLog(reader, commit, path));
  }
  return out;
}

async function readLog(reader: CatFileReader, commit: string, path: string): Promise<EvidenceFile> {
  try {
    const object = await reader.read(blobSpec(commit, path), { maxBytes: MAX_EVIDENCE_BYTES });
    return object?.type === "blob" ? evidenceFile(object.content, path) : { kind: "missing" };
  } catch (err) {
    if (err instanceof GitObjectTooLargeError) return { kind: "too-large", size: err.size };
    if (err instanceof UnsafeGitInputError) return { kind: "unsafe-path" };
    throw err;
  }
}

/**
 * `dataset_key|task_id` → the metric the task names in its eval.yaml, from the benchmarks that count for the model:
 * a private benchmark's metric named in a public model's evidence detail would tell its readers that it exists.
 */
async function taskMetrics(db: Kysely<Database>, keys: readonly string[], model: ModelStanding): Promise<Map<string, string>> {
  const distinct = [...new Set(keys)];
  const out = new Map<string, string>();
  if (distinct.length === 0) return out;
  const rows = await db.selectFrom("benchmarks").innerJoin("repos", "repos.id", "benchmarks.repo_id")
    .select(["benchmarks.dataset_key", "benchmarks.definition", "repos.owner_id", "repos.private"])
    .where("benchmarks.dataset_key", "in", distinct).execute();
  for (const row of rows) {
    if (!benchmarkCountsFor(model, { ownerId: row.owner_id, private: row.private === 1 })) continue;
    for (const task of parseDefinition(row.definition)?.tasks ?? []) {
      const metric = task.fields["metric"];
      if (typeof metric === "string") out.set(`${row.dataset_key}|${task.id}`, metric);
    }
  }
  return out;
}
