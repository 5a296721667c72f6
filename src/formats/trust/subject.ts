import type { ResultEntry } from "../eval-results-schema.ts";
import type { ResultSubject } from "./claims.ts";

/** What a token about this entry must say; the pinned model revision and log hash are evalhub's extensions. */
export function subjectOf(entry: ResultEntry, model: string): ResultSubject {
  return {
    model,
    modelRevision: entry.setup?.model_revision ?? null,
    dataset: entry.dataset.id,
    datasetRevision: entry.dataset.revision ?? null,
    taskId: entry.dataset.task_id,
    value: entry.value,
    evidenceSha256: entry.evidence?.sha256?.toLowerCase() ?? null,
  };
}
