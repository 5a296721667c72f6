// Columns migration 0007 adds to `results`: structured setup and evidence, derived from git like the rest of the row.

export type EvidenceStatusColumn = "log-checked" | "mismatch" | "unusable";

export interface EvidenceColumns {
  /** Canonical JSON of the entry's `setup`, or null. */
  setup: string | null;
  /** Path of the log the entry points at (evidence.path or a source.url into the repository); null without evidence. */
  evidence_path: string | null;
  evidence_status: EvidenceStatusColumn | null;
  /** What was checked, or the exact disagreement, or why the log cannot count. */
  evidence_detail: string | null;
  /** SHA-256 of the log file, whenever it was read. */
  evidence_sha256: string | null;
  /** For a checked log: the value's standard error and samples scored as the log gives them, in the entry's unit. */
  evidence_stderr: number | null;
  evidence_samples: number | null;
}
