import type { Kysely } from "kysely";
import { trustRows, type TrustRow, type TrustRowsFilter } from "../../db/queries/trust-rows.ts";
import type { Database } from "../../db/schema.ts";
import { findConflicts, type Conflict, type ConflictEntry } from "./conflicts.ts";

/** The conflicts among the results the viewer may see: of one benchmark (one task, or all), or of one model. */
export async function conflictsOf(db: Kysely<Database>, filter: TrustRowsFilter): Promise<Conflict[]> {
  return findConflicts((await trustRows(db, filter)).map(conflictEntry));
}

function conflictEntry(row: TrustRow): ConflictEntry {
  const data = (JSON.parse(row.raw) ?? {}) as Record<string, unknown>;
  const setupStderr = (data["setup"] as { stderr?: unknown } | undefined)?.stderr;
  return {
    repoId: row.repo_id, model: `${row.namespace}/${row.name}`, datasetId: row.dataset_id ?? "", datasetKey: row.dataset_key ?? "", taskId: row.task_id ?? "",
    ref: row.ref, pullRequest: row.pr_num, filename: row.file_path, entryIndex: row.entry_index, contentHash: row.content_hash, commit: row.commit,
    value: row.value as number,
    stderr: typeof setupStderr === "number" ? setupStderr : row.evidence_status === "log-checked" ? row.evidence_stderr : null,
    data,
  };
}

/** A short reference to the other side of a conflict, for the rows that show one. */
export interface ConflictRef {
  conflict: string;
  value: number;
  ref: string;
  pullRequest: number | null;
  filename: string;
  entryIndex: number;
  contentHash: string;
}

/** For each entry (model and content hash), the entries it conflicts with. */
export function conflictIndex(conflicts: readonly Conflict[]): Map<string, ConflictRef[]> {
  const out = new Map<string, ConflictRef[]>();
  for (const c of conflicts) {
    for (const [self, other] of [[c.entries[0], c.entries[1]], [c.entries[1], c.entries[0]]] as const) {
      const key = `${self.repoId}|${self.contentHash}`;
      const ref: ConflictRef = { conflict: c.id, value: other.value, ref: other.ref, pullRequest: other.pullRequest, filename: other.filename, entryIndex: other.entryIndex, contentHash: other.contentHash };
      out.set(key, [...(out.get(key) ?? []), ref]);
    }
  }
  return out;
}
