import type { ResultEntry } from "../eval-results-schema.ts";
import { RESULT_KEYS } from "../eval-results-schema.ts";
import { validateEvalResults } from "../eval-results.ts";
import { hasErrors, type Problem } from "../problems.ts";
import { serialiseEvalResults } from "../to-eval-results.ts";
import { EXTENSION_KEYS } from "./extensions-schema.ts";

export interface HfExport {
  /** The file in Hugging Face's format, or null when the input has errors. */
  yaml: string | null;
  problems: Problem[];
}

const HF_KEYS: Record<string, readonly string[]> = {
  "": (RESULT_KEYS[""] ?? []).filter((k) => !Object.hasOwn(EXTENSION_KEYS, k)),
  dataset: RESULT_KEYS["dataset"] ?? [],
  source: RESULT_KEYS["source"] ?? [],
};

/**
 * A `.eval_results` file with evalhub's extensions (`evidence`, `setup`) and unknown keys left out, so that it has
 * Hugging Face's fields only, in Hugging Face's key order. An entry with errors stops the export.
 */
export function exportHfResults(input: string | Uint8Array, file: string): HfExport {
  const parsed = validateEvalResults(input, { file });
  if (hasErrors(parsed.problems)) return { yaml: null, problems: parsed.problems };
  const problems = parsed.problems.filter((p) => p.code !== "unknown-key");
  for (const e of parsed.entries) {
    const dropped = droppedKeys(e.raw);
    if (dropped.length === 0) continue;
    problems.push({
      file, line: e.line, column: e.column, path: `[${e.index}]`, summary: "Left out", severity: "warning", code: "not-hf",
      message: `left out of the Hugging Face file: ${dropped.join(", ")}`,
    });
  }
  const entries = parsed.entries.map((e) => hfEntry(e.entry as ResultEntry));
  return { yaml: serialiseEvalResults(entries), problems };
}

/** The entry with Hugging Face's fields only, in its serialisation order. */
export function hfEntry(entry: ResultEntry): ResultEntry {
  const { id, task_id, revision } = entry.dataset;
  const out: ResultEntry = { dataset: { id, task_id, ...(revision === undefined ? {} : { revision }) }, value: entry.value };
  if (entry.verifyToken !== undefined) out.verifyToken = entry.verifyToken;
  if (entry.date !== undefined) out.date = entry.date;
  if (entry.source !== undefined) {
    const { url, name, user, org } = entry.source;
    out.source = { url, ...(name === undefined ? {} : { name }), ...(user === undefined ? {} : { user }), ...(org === undefined ? {} : { org }) };
  }
  if (entry.notes !== undefined) out.notes = entry.notes;
  return out;
}

function droppedKeys(raw: unknown): string[] {
  const out: string[] = [];
  const scan = (obj: unknown, at: string) => {
    if (obj === null || typeof obj !== "object" || Array.isArray(obj)) return;
    for (const key of Object.keys(obj)) {
      if ((HF_KEYS[at] ?? []).includes(key)) continue;
      const name = at === "" ? key : `${at}.${key}`;
      out.push(Object.hasOwn(EXTENSION_KEYS, name) ? `${name} (evalhub extension)` : `${name} (unknown)`);
    }
  };
  scan(raw, "");
  scan((raw as Record<string, unknown> | null)?.["dataset"], "dataset");
  scan((raw as Record<string, unknown> | null)?.["source"], "source");
  return out;
}
