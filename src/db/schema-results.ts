import type { Generated } from "kysely";
import type { EvidenceColumns } from "./schema-evidence.ts";

// Tables of the results index (migration 0005). See the conventions in schema.ts.

export type ResultStatusColumn = "valid" | "unknown-benchmark" | "unknown-task" | "invalid";

/** A dataset repository whose main has a root eval.yaml. Derived from git. */
export interface BenchmarksTable {
  repo_id: number;
  /** `ns/name` lower-cased: results point at benchmarks by dataset id, whatever its case. */
  dataset_key: string;
  /** The head of main this row reflects. */
  main_commit: string;
  /** Whether the eval.yaml at main_commit is valid. */
  valid: number;
  /** JSON array of the problems of the eval.yaml at main_commit. */
  problems: string;
  /** JSON of the last valid definition on main ({name, description, evaluationFramework, tasks}); null if none ever was. */
  definition: string | null;
  definition_commit: string | null;
}

/** Admin state: official benchmarks. Not derived from git. */
export interface BenchmarkFlagsTable {
  repo_id: number;
  official: number;
  set_by: number | null;
  set_at: string;
}

/** For each indexed (repository, ref), the commit the index reflects: the reconciler compares it with git. */
export interface IndexRefsTable {
  repo_id: number;
  ref: string;
  commit: string;
  indexed_at: string;
}

/** One entry of one `.eval_results` file at one indexed ref. Derived from git. */
export interface ResultsTable extends EvidenceColumns {
  id: Generated<number>;
  repo_id: number;
  /** `refs/heads/main` or `refs/pr/N`. */
  ref: string;
  pr_num: number | null;
  commit: string;
  file_path: string;
  entry_index: number;
  line: number;
  /** SHA-256 of the entry's canonical JSON: identifies it for moderation. */
  content_hash: string;
  dataset_id: string | null;
  dataset_key: string | null;
  task_id: string | null;
  value: number | null;
  /** The entry's date, or the commit's time when it has none (ISO 8601). */
  date: string;
  date_from_entry: number;
  source_url: string | null;
  notes: string | null;
  status: ResultStatusColumn;
  /** JSON arrays. */
  reasons: string;
  suggestions: string;
  verified: number;
  verify_reason: string | null;
  /** The issuer whose verifyToken verified the entry (migration 0006); null when unverified. */
  verify_issuer: string | null;
  /** The entry as written, as JSON. */
  raw: string;
}

/** Facts about a model read from its main branch: parameter count and declared base model. Derived from git. */
export interface ModelMetaTable {
  repo_id: number;
  commit: string;
  num_parameters: number | null;
  params_source: string | null;
  base_model: string | null;
}

/** Every change of an indexed, classifiable entry: what leaderboards as of a past moment are computed from. */
export interface ResultHistoryTable {
  id: Generated<number>;
  /** repo|ref|file|dataset|task|ordinal: the same score across commits. */
  identity: string;
  repo_id: number;
  ref: string;
  dataset_key: string;
  task_id: string;
  change: "added" | "changed" | "removed";
  value: number | null;
  previous_value: number | null;
  commit: string;
  /** When the change became visible: the commit time on main, the indexing time for pull requests. */
  at: string;
  /** JSON of the result row as it was (null fields after a removal). */
  snapshot: string;
}

/** The public moderation ledger: every hide and unhide, with who, when and why. Hub state. */
export interface ModerationTable {
  id: Generated<number>;
  repo_id: number;
  ref: string;
  file_path: string;
  content_hash: string;
  action: "hide" | "unhide";
  reason: string;
  actor_id: number | null;
  dataset_key: string | null;
  task_id: string | null;
  value: number | null;
  at: string;
}

/** Entries hidden now (the last ledger action on them was a hide). Hub state, kept with the ledger. */
export interface HiddenEntriesTable {
  repo_id: number;
  ref: string;
  file_path: string;
  content_hash: string;
  moderation_id: number;
}

export interface ResultsTables {
  hidden_entries: HiddenEntriesTable;
  benchmarks: BenchmarksTable;
  benchmark_flags: BenchmarkFlagsTable;
  index_refs: IndexRefsTable;
  results: ResultsTable;
  model_meta: ModelMetaTable;
  result_history: ResultHistoryTable;
  moderation: ModerationTable;
}
