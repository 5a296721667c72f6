import { BoundedLru } from "../../bounded-lru.ts";
import type { CatFileReader } from "../../git/cat-file.ts";
import { GitObjectTooLargeError } from "../../git/errors.ts";
import type { EvalResultsFile } from "../../formats/eval-results.ts";
import { MAX_RESULTS_FILE_BYTES, resultsFileEntries } from "./read-ref.ts";
import { parseResultsFiles } from "./result-rows.ts";

/**
 * Parsed results files by blob id and path (a file's problems name its path). A blob's content never changes, so
 * neither does its parse: indexing a commit that changed one file of many reads and parses only that one, where it
 * used to read and parse them all again (and each pull request's base with them). Bounded by the files' bytes.
 */
const parsedByBlob = new BoundedLru<EvalResultsFile>(16 * 1024 * 1024);

/** The `.eval_results/**.y(a)ml` files of a commit, in path order, parsed and validated. Callers must not change what they get. */
export async function readParsedResults(reader: CatFileReader, commit: string): Promise<{ path: string; parsed: EvalResultsFile }[]> {
  const entries = await resultsFileEntries(reader, commit);
  const keyOf = (e: { oid: string; path: string }) => `${e.oid}|${e.path}`;
  const missing = entries.filter((e) => parsedByBlob.get(keyOf(e)) === undefined);
  // All requests at once: the reader answers them in order from one process.
  const contents = await Promise.all(missing.map((e) => reader.read(e.oid, { maxBytes: MAX_RESULTS_FILE_BYTES }).catch(tooLarge)));
  const parsedNow = new Map<string, EvalResultsFile>();
  for (const [i, entry] of missing.entries()) {
    const object = contents[i];
    // Larger than the cap: parsed as bytes over the limit, so the file is indexed as invalid with the reason.
    const bytes = object === TOO_LARGE ? new Uint8Array(MAX_RESULTS_FILE_BYTES + 1) : object?.type === "blob" ? object.content : undefined;
    if (bytes === undefined) continue;
    const [parsed] = parseResultsFiles([{ path: entry.path, bytes }]);
    if (parsed === undefined) continue;
    parsedNow.set(keyOf(entry), parsed.parsed);
    parsedByBlob.set(keyOf(entry), parsed.parsed, Math.min(bytes.length, MAX_RESULTS_FILE_BYTES) + 256);
  }
  const out: { path: string; parsed: EvalResultsFile }[] = [];
  for (const entry of entries) {
    const parsed = parsedNow.get(keyOf(entry)) ?? parsedByBlob.get(keyOf(entry));
    if (parsed !== undefined) out.push({ path: entry.path, parsed });
  }
  return out;
}

const TOO_LARGE = Symbol("too large");

function tooLarge(err: unknown): typeof TOO_LARGE {
  if (err instanceof GitObjectTooLargeError) return TOO_LARGE;
  throw err;
}
