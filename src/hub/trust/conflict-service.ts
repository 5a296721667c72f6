import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { trustRows, type TrustRow, type TrustRowsFilter } from "../../db/queries/trust-rows.ts";
import type { Database } from "../../db/schema.ts";
import { BoundedLru } from "../../bounded-lru.ts";
import { cmp, findConflicts, type Conflict, type ConflictEntry } from "./conflicts.ts";

/**
 * Each (model, benchmark, task) group's last conflicts, with a hash of the rows they were found in. A group of n
 * entries makes n²/2 comparisons and a write changes the groups of one model, so the rest are remembered. One
 * value per group (a changed group replaces its own), bounded by entries plus conflicts (a few hundred bytes each).
 */
const memo = new BoundedLru<{ signature: string; conflicts: Conflict[] }>(100_000);

/**
 * The conflicts among the results the viewer may see: of one benchmark (one task, or all), or of one model.
 * Conflicts never cross a (model, benchmark, task) group, so each group is computed on its own, or remembered.
 */
export async function conflictsOf(db: Kysely<Database>, filter: TrustRowsFilter): Promise<Conflict[]> {
  const rows = (await trustRows(db, filter)).sort((a, b) =>
    a.repo_id - b.repo_id || (a.pr_num ?? 0) - (b.pr_num ?? 0) || cmp(a.file_path, b.file_path) || a.entry_index - b.entry_index);
  const groups = new Map<string, TrustRow[]>();
  for (const row of rows) {
    const key = `${row.repo_id}|${row.dataset_key}|${row.task_id}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [row]);
    else group.push(row);
  }
  const out: Conflict[] = [];
  for (const [key, group] of groups) {
    const signature = createHash("sha256").update(group.map(rowSignature).join("\n")).digest("base64url");
    const kept = memo.get(key);
    let conflicts = kept?.signature === signature ? kept.conflicts : undefined;
    if (conflicts === undefined) {
      conflicts = findConflicts(group.map(conflictEntry));
      memo.set(key, { signature, conflicts }, group.length + conflicts.length);
    }
    out.push(...conflicts);
  }
  return out;
}

/** Everything of a row that a conflict depends on or shows (`raw` is fixed by the content hash). */
function rowSignature(r: TrustRow): string {
  return [r.id, r.namespace, r.name, r.ref, r.pr_num, r.commit, r.file_path, r.entry_index, r.content_hash, r.dataset_id, r.value, r.evidence_status, r.evidence_stderr].join("\t");
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
      const refs = out.get(key);
      if (refs === undefined) out.set(key, [ref]);
      else refs.push(ref);
    }
  }
  return out;
}
