import type { ParsedResultEntry } from "../eval-results.ts";
import { subjectOf } from "./subject.ts";
import type { TrustSet } from "./trusted-keys.ts";
import { verifyResult, type Verification } from "./verify-result.ts";

/** Verifies one parsed `.eval_results` entry of model `model`; an entry with errors is never verified. */
export function verifyEntry(parsed: ParsedResultEntry, model: string, trust: TrustSet): Verification {
  if (parsed.entry === null) return { verified: false, reason: "invalid entry", issuer: null };
  return verifyResult(parsed.entry.verifyToken, subjectOf(parsed.entry, model), trust);
}
