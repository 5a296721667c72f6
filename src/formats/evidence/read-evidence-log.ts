import { parseLogDocument } from "../logs/inspect-document.ts";
import { asRecord } from "../logs/inspect-fields.ts";
import { normaliseInspectLog } from "../logs/inspect-normalise.ts";
import { readInspectLog } from "../logs/inspect.ts";
import { logProblem } from "../logs/inspect-problem.ts";
import { readLightevalResults } from "../logs/lighteval.ts";
import { readLmEvalResults } from "../logs/lm-eval.ts";
import type { LogReadResult } from "../logs/normalised.ts";
import { looksLikeZip } from "../logs/zip.ts";

/**
 * Reads a log of any format the hub knows, told apart by content: a ZIP is an Inspect `.eval`; JSON with an `eval`
 * object is an Inspect log, with `config_general` lighteval results, with `results` lm-eval results.
 * The JSON is parsed once for Inspect logs (the large ones); results files are small and their readers parse again.
 */
export function readEvidenceLog(bytes: Uint8Array, file: string): LogReadResult {
  if (looksLikeZip(bytes)) return readInspectLog(bytes, { file });
  const parsed = parseLogDocument(bytes, file);
  if (!parsed.ok) return { logs: [], problems: [parsed.problem] };
  const root = asRecord(parsed.value);
  if (asRecord(root?.["eval"]) !== undefined) {
    const { log, problems } = normaliseInspectLog(parsed.value, { file });
    return { logs: log === null ? [] : [log], problems };
  }
  if (asRecord(root?.["config_general"]) !== undefined) return readLightevalResults(bytes, { file });
  if (asRecord(root?.["results"]) !== undefined) return readLmEvalResults(bytes, { file });
  const message = "not an evaluation log the hub reads: expected an Inspect log (.eval or JSON), or lm-eval or lighteval results JSON";
  return { logs: [], problems: [logProblem(file, "unknown-log-format", "Unknown log format", message)] };
}
