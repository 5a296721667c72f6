import { createHash } from "node:crypto";
import type { LogReadResult } from "../logs/normalised.ts";
import { readEvidenceLog } from "./read-evidence-log.ts";

/** Largest log read as evidence, in bytes. */
export const MAX_EVIDENCE_BYTES = 32 * 1024 * 1024;

/** What the hub found at an evidence path of one commit. */
export type EvidenceFile =
  | { kind: "missing" }
  | { kind: "unsafe-path" }
  | { kind: "too-large"; size: number }
  | { kind: "over-limit"; limit: number }
  | { kind: "lfs-pointer"; sha256: string }
  | { kind: "read"; sha256: string; result: LogReadResult };

const LFS_POINTER = new TextEncoder().encode("version https://git-lfs.github.com/spec/");

/** Hashes and reads a log's bytes; done once per path, however many entries point at it. */
export function evidenceFile(bytes: Uint8Array, path: string): EvidenceFile {
  if (bytes.length > MAX_EVIDENCE_BYTES) return { kind: "too-large", size: bytes.length };
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  if (bytes.length < 1024 && LFS_POINTER.every((b, i) => bytes[i] === b)) return { kind: "lfs-pointer", sha256 };
  return { kind: "read", sha256, result: readEvidenceLog(bytes, path) };
}
