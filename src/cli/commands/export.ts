import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { exportHfResults } from "../../formats/evidence/hf-export.ts";
import { formatProblem } from "../../formats/problems.ts";
import { countCurrentRecords, currentRecords, pastRecords } from "../../hub/export/export-source.ts";
import { writeSnapshot } from "../../hub/export/write-snapshot.ts";
import { EXIT } from "../exit-codes.ts";
import { hubVersion } from "../hub-version.ts";
import { withHub } from "../open-hub.ts";
import { progressOnStderr } from "../progress.ts";
import { UsageError } from "../usage-error.ts";

interface ExportOptions {
  hf?: boolean;
  out?: string;
  asOf?: string;
  format: string;
}

/**
 * `evalhub export --hf FILE [--out FILE]`: one results file in Hugging Face's format (our extensions left out).
 * `evalhub export --out DIR [--as-of DATE]`: a snapshot of every result of the hub's public models (JSONL, CSV,
 * manifest.json, SHA256SUMS), read from the database of EVALHUB_DATA / DATABASE_URL page by page.
 */
export function registerExport(program: Command): void {
  program
    .command("export")
    .description("--hf FILE: a .eval_results file with Hugging Face's fields only; --out DIR: a dated snapshot of every public result (JSONL, CSV, manifest.json, SHA256SUMS)")
    .argument("[file]", "a .eval_results/*.yaml file (with --hf)")
    .option("--hf", "Hugging Face's format: what huggingface.co reads, valid against `evalhub schema eval-results --hf`")
    .option("--out <path>", "with --hf FILE: the file to write (stdout when omitted); without a file: the folder of the snapshot (new or empty)")
    .option("--as-of <date>", "the snapshot as the results stood then (ISO 8601), from the score history")
    .option("--format <format>", "text or json: what the snapshot export prints at the end", "text")
    .action(async (file: string | undefined, options: ExportOptions) => {
      process.exitCode = file === undefined ? await exportSnapshot(options) : exportFile(file, options);
    });
}

function exportFile(file: string, options: ExportOptions): number {
  if (!options.hf) throw new UsageError("export: say which format; --hf is the one available for a single file");
  if (options.asOf) throw new UsageError("export: --as-of applies to the snapshot (--out DIR without a file)");
  const result = exportHfResults(readInput(file), file);
  for (const problem of result.problems) process.stderr.write(`${formatProblem(problem)}\n`);
  if (result.yaml === null) return EXIT.problems;
  if (options.out === undefined) process.stdout.write(result.yaml);
  else writeFileSync(options.out, result.yaml);
  return EXIT.ok;
}

async function exportSnapshot(options: ExportOptions): Promise<number> {
  if (options.hf) throw new UsageError("export: --hf converts one file: name a .eval_results file (evalhub export --hf FILE)");
  if (options.out === undefined) throw new UsageError("export: pass --out DIR for a snapshot of every result, or --hf FILE for one file");
  if (options.format !== "text" && options.format !== "json") throw new UsageError(`--format must be text or json, not "${options.format}"`);
  const createdAt = new Date().toISOString();
  const asOf = options.asOf === undefined ? createdAt : parseAsOf(options.asOf);
  prepareFolder(options.out);
  const outDir = options.out;
  const manifest = await withHub(async (hub) => {
    const progress = progressOnStderr("exported", process.stderr, "results");
    const total = options.asOf === undefined ? await countCurrentRecords(hub.db) : null;
    try {
      return await writeSnapshot({
        outDir, stamp: asOf.slice(0, 10), hubVersion: hubVersion(), createdAt, asOf,
        records: options.asOf === undefined ? currentRecords(hub.db) : pastRecords(hub.db, asOf),
        notes: options.asOf === undefined
          ? ["every entry of every public model's .eval_results files, on main and in open pull requests"]
          : ["entries as the score history had them then; entries that named no benchmark and task are not in the history and so not here"],
        onRecord: (n) => progress.update(n, total ?? n),
      });
    } finally {
      progress.finish();
    }
  });
  if (options.format === "json") process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
  else {
    for (const f of manifest.files) process.stdout.write(`${f.name}: ${f.rows ?? ""} rows, ${f.bytes} bytes, sha256 ${f.sha256}\n`);
    process.stdout.write(`exported ${manifest.counts.results} results as of ${manifest.asOf} to ${outDir} (manifest.json, SHA256SUMS)\n`);
  }
  return EXIT.ok;
}

function parseAsOf(raw: string): string {
  const time = Date.parse(raw);
  if (Number.isNaN(time)) throw new UsageError(`--as-of must be an ISO 8601 date or time, not "${raw}"`);
  return new Date(time).toISOString();
}

/** The snapshot goes into a new or empty folder, so one folder is one snapshot. */
function prepareFolder(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new UsageError(`--out: ${dir} is a file; give a folder`);
    if (readdirSync(dir).length > 0) throw new UsageError(`--out: ${dir} is not empty; give a new or empty folder`);
  }
  mkdirSync(dir, { recursive: true });
}

function readInput(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : err instanceof Error ? err.message : String(err);
    throw new UsageError(`${file}: ${reason}`);
  }
}
