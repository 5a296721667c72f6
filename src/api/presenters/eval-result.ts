import type { ModelResult } from "../../hub/results/model-results.ts";
import type { ConflictRef } from "../../hub/trust/conflict-service.ts";
import { isExternal, sourceName } from "./leaderboard-entry.ts";
import { presentEvidence } from "./trust.ts";

/** HF's `evalResults` item: `{filename, verified, data, pullRequest?}`; unusable entries carry `error` (Python skips them). */
export function presentEvalResult({ row }: ModelResult) {
  const body: Record<string, unknown> = { filename: row.file_path, verified: row.verified === 1, data: JSON.parse(row.raw) };
  if (row.pr_num !== null) body.pullRequest = row.pr_num;
  if (row.status === "invalid") body.error = (JSON.parse(row.reasons) as string[]).join("; ") || "invalid entry";
  return body;
}

/** Our extension: every entry with why it counts or not, its badges, where it lives and its history. */
export function presentModelResult(result: ModelResult, hubBase: string, conflictWith: ConflictRef[] = []) {
  const { row } = result;
  return {
    filename: row.file_path,
    entryIndex: row.entry_index,
    line: row.line,
    contentHash: row.content_hash,
    ref: row.ref,
    pullRequest: row.pr_num,
    commit: row.commit,
    datasetId: row.dataset_id,
    taskId: row.task_id,
    value: row.value,
    date: row.date,
    dateFromEntry: row.date_from_entry === 1,
    notes: row.notes,
    source: row.source_url ? { url: row.source_url, name: sourceName(row.raw) ?? null, isExternal: isExternal(row.source_url, hubBase) } : null,
    status: row.status,
    reasons: JSON.parse(row.reasons) as string[],
    suggestions: JSON.parse(row.suggestions) as string[],
    badges: {
      verified: row.verified === 1, verifiedBy: row.verified === 1 ? row.verify_issuer : null, community: row.pr_num !== null, hidden: result.hidden,
      logChecked: row.evidence_status === "log-checked", conflict: conflictWith.length > 0,
    },
    verifyReason: row.verify_reason,
    evidence: presentEvidence(row),
    setup: row.setup === null ? null : (JSON.parse(row.setup) as Record<string, unknown>),
    ...(conflictWith.length > 0 ? { conflictWith } : {}),
    data: JSON.parse(row.raw),
    history: result.history,
  };
}
