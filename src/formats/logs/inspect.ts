import { withLimits, type FormatLimits } from "../limits.ts";
import { parseLogDocument } from "./inspect-document.ts";
import { readEvalArchive } from "./inspect-eval.ts";
import { normaliseInspectLog } from "./inspect-normalise.ts";
import { logProblem } from "./inspect-problem.ts";
import type { LogReadOptions, LogReadResult } from "./normalised.ts";
import { looksLikeZip } from "./zip.ts";

export type InspectReadOptions = LogReadOptions & { limits?: Partial<FormatLimits> };

/**
 * Reads an Inspect AI log, JSON (`.json`) or binary (`.eval`, a ZIP), told apart by content. Whatever
 * the bytes hold, the answer is a result: anything unreadable comes back as problems, never as a throw.
 */
export function readInspectLog(bytes: Uint8Array, opts: InspectReadOptions): LogReadResult {
  const limits = withLimits(opts.limits);
  const { file } = opts;
  if (bytes.length > limits.maxLogBytes) {
    const message = `the log is ${bytes.length} bytes, more than the ${limits.maxLogBytes}-byte limit`;
    return { logs: [], problems: [logProblem(file, "log-too-large", "Log too large", message)] };
  }

  let document: unknown;
  let unfinished = false;
  if (looksLikeZip(bytes)) {
    const archive = readEvalArchive(bytes, file, limits);
    if (!archive.ok) return { logs: [], problems: [archive.problem] };
    document = archive.document;
    unfinished = archive.unfinished;
  } else {
    const parsed = parseLogDocument(bytes, file);
    if (!parsed.ok) return { logs: [], problems: [parsed.problem] };
    document = parsed.value;
  }

  const context = opts.metric === undefined ? { file, unfinished } : { file, unfinished, metric: opts.metric };
  const { log, problems } = normaliseInspectLog(document, context);
  return { logs: log === null ? [] : [log], problems };
}
