import type { Selectable } from "kysely";
import type { ResultsTable } from "../../db/schema-results.ts";
import type { RowTrust } from "../../hub/trust/board-trust.ts";
import type { Conflict, ConflictEntry } from "../../hub/trust/conflicts.ts";

/** Our keys on a leaderboard row, present only when they say something. */
export function presentRowTrust(t: RowTrust) {
  return {
    ...(t.logChecked ? { logChecked: true } : {}),
    ...(t.setup ? { setup: t.setup } : {}),
    ...(t.ci95 ? { ci95: t.ci95 } : {}),
    ...(t.tiedWithPrevious ? { tiedWithPrevious: true } : {}),
    ...(t.conflictWith ? { conflict: true, conflictWith: t.conflictWith } : {}),
  };
}

/** The log behind an entry and what checking it found; null when the entry points at none. */
export function presentEvidence(row: Selectable<ResultsTable>) {
  if (row.evidence_status === null) return null;
  return { path: row.evidence_path, status: row.evidence_status, detail: row.evidence_detail, sha256: row.evidence_sha256 };
}

function presentConflictEntry(e: ConflictEntry) {
  const source = e.data["source"] as { url?: string; name?: string } | undefined;
  return {
    ref: e.ref, pullRequest: e.pullRequest, filename: e.filename, entryIndex: e.entryIndex, contentHash: e.contentHash, commit: e.commit,
    value: e.value, stderr: e.stderr, source: source?.url ? { url: source.url, ...(source.name ? { name: source.name } : {}) } : null,
    notes: typeof e.data["notes"] === "string" ? e.data["notes"] : null, setup: e.data["setup"] ?? null,
  };
}

export function presentConflict(c: Conflict) {
  return {
    id: c.id, modelId: c.model, datasetId: c.datasetId, task_id: c.taskId,
    entries: c.entries.map(presentConflictEntry), difference: c.difference, fields: c.fields,
  };
}
