import type { Problem } from "../problems.ts";
import { parseJsonWithNonFinite } from "./inspect-json.ts";
import { logProblem } from "./inspect-problem.ts";

export type DocumentResult = { ok: true; value: unknown } | { ok: false; problem: Problem };

/**
 * Decodes and parses one JSON document of a log: the whole file, or one member of an `.eval` archive
 * (then `member` names it and line/column are positions inside that member).
 */
export function parseLogDocument(bytes: Uint8Array, file: string, member?: string): DocumentResult {
  const where = member === undefined ? "" : `${member}: `;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problem: logProblem(file, "invalid-encoding", "Invalid encoding", `${where}the log is not valid UTF-8 text`) };
  }
  const parsed = parseJsonWithNonFinite(text);
  if (parsed.ok) return { ok: true, value: parsed.value };
  return {
    ok: false,
    problem: logProblem(file, "json-syntax", "Invalid JSON", `${where}${parsed.message}`, { line: parsed.line, column: parsed.column }),
  };
}
