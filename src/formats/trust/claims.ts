import { z } from "zod";

/** What a verifyToken says: who signed it, when, and the result it vouches for. */
export interface VerifyClaims {
  iss: string;
  /** Seconds since the epoch. */
  iat: number;
  jti: string;
  model: string;
  model_revision?: string;
  dataset: string;
  dataset_revision?: string;
  task_id: string;
  value: number;
  evidence_sha256?: string;
}

/** The facts of one result entry a token must match, the model being the repository the entry lives in. */
export interface ResultSubject {
  model: string;
  modelRevision: string | null;
  dataset: string;
  datasetRevision: string | null;
  taskId: string;
  value: number;
  evidenceSha256: string | null;
}

const text = z.string().min(1);
// Strict: a claim this hub does not know cannot be compared with the entry, so it cannot be vouched for.
const claimsSchema = z.strictObject({
  iss: text,
  iat: z.number().int().nonnegative(),
  jti: text,
  model: text,
  model_revision: text.optional(),
  dataset: text,
  dataset_revision: text.optional(),
  task_id: text,
  value: z.number(),
  evidence_sha256: z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lower-case hex digits").optional(),
});

/** The claims that vouch for `subject`, issued by `iss` at `iat` with the unique id `jti`. */
export function claimsFor(subject: ResultSubject, issued: { iss: string; iat: number; jti: string }): VerifyClaims {
  return {
    iss: issued.iss,
    iat: issued.iat,
    jti: issued.jti,
    model: subject.model,
    ...(subject.modelRevision !== null ? { model_revision: subject.modelRevision } : {}),
    dataset: subject.dataset,
    ...(subject.datasetRevision !== null ? { dataset_revision: subject.datasetRevision } : {}),
    task_id: subject.taskId,
    value: subject.value,
    ...(subject.evidenceSha256 !== null ? { evidence_sha256: subject.evidenceSha256 } : {}),
  };
}

/** A token payload read as claims, or why it is not a claim set. */
export function readClaims(payload: unknown): { claims: VerifyClaims } | { error: string } {
  const parsed = claimsSchema.safeParse(payload);
  if (parsed.success) return { claims: parsed.data };
  const issue = parsed.error.issues[0];
  if (issue?.code === "unrecognized_keys") return { error: `unknown claim ${issue.keys.join(", ")}` };
  return { error: issue ? `${issue.path.length > 0 ? `claim ${issue.path.join(".")}: ` : ""}${issue.message}` : "not a claim set" };
}

// Hub ids match whatever their case (repositories and benchmarks are unique case-insensitively).
const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const shown = (v: string | number | null | undefined) => (v === null || v === undefined ? "(none)" : String(v));

/** Why the claims do not describe this entry, or null when every claim equals it. */
export function claimMismatch(claims: VerifyClaims, subject: ResultSubject): string | null {
  if (!sameId(claims.model, subject.model) || !sameId(claims.dataset, subject.dataset) || claims.task_id !== subject.taskId) {
    return `token copied from another entry: model ${claims.model}, dataset ${claims.dataset}, task ${claims.task_id}`;
  }
  if (claims.value !== subject.value) return `claim value ${claims.value} ≠ entry ${subject.value}`;
  const optional: [string, string | undefined, string | null][] = [
    ["model_revision", claims.model_revision, subject.modelRevision],
    ["dataset_revision", claims.dataset_revision, subject.datasetRevision],
    ["evidence_sha256", claims.evidence_sha256, subject.evidenceSha256],
  ];
  for (const [name, claim, entry] of optional) {
    if ((claim ?? null) !== entry) return `claim ${name} ${shown(claim)} ≠ entry ${shown(entry)}`;
  }
  return null;
}
