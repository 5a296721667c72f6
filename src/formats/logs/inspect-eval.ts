import type { Problem } from "../problems.ts";
import type { FormatLimits } from "../limits.ts";
import { parseLogDocument } from "./inspect-document.ts";
import { logProblem } from "./inspect-problem.ts";
import { ZipArchive, ZipError } from "./zip.ts";

const HEADER = "header.json";
const JOURNAL_START = "_journal/start.json";

export type EvalArchiveResult =
  | { ok: true; document: unknown; unfinished: boolean }
  | { ok: false; problem: Problem };

const ZIP_SUMMARIES = {
  "zip-invalid": "Unreadable archive",
  "zip-unsupported": "Unsupported archive",
  "zip-too-large": "Archive too large",
} as const;

/**
 * Reads the log header out of a binary `.eval` log. `header.json` is authoritative; without it the run
 * never finished, and `_journal/start.json` (spec and plan, no results) is all there is.
 */
export function readEvalArchive(bytes: Uint8Array, file: string, limits: FormatLimits): EvalArchiveResult {
  try {
    const archive = new ZipArchive(bytes, { maxDecompressedBytes: limits.maxDecompressedBytes });
    const member = archive.find(HEADER) ?? archive.find(JOURNAL_START);
    if (member === undefined) {
      const problem = logProblem(
        file,
        "not-inspect-log",
        "Not an Inspect log",
        `the archive has neither ${HEADER} nor ${JOURNAL_START}, so it is not an Inspect .eval log`,
      );
      return { ok: false, problem };
    }
    const parsed = parseLogDocument(archive.read(member), file, member.name);
    if (!parsed.ok) return parsed;
    return { ok: true, document: parsed.value, unfinished: member.name === JOURNAL_START };
  } catch (error) {
    if (!(error instanceof ZipError)) throw error;
    return { ok: false, problem: logProblem(file, error.code, ZIP_SUMMARIES[error.code], error.message) };
  }
}
