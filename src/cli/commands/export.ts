import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { exportHfResults } from "../../formats/evidence/hf-export.ts";
import { formatProblem } from "../../formats/problems.ts";
import { EXIT } from "../exit-codes.ts";
import { UsageError } from "../usage-error.ts";

interface ExportOptions {
  hf?: boolean;
  out?: string;
}

/**
 * `evalhub export --hf FILE [--out FILE]`: one results file in Hugging Face's format (our extensions left out).
 * The format flag and the destination are separate so the bulk export (`--out DIR`, the whole hub) fits the same command.
 */
export function registerExport(program: Command): void {
  program
    .command("export")
    .description("write results in another format; --hf FILE: a .eval_results file with Hugging Face's fields only (evidence, setup and unknown keys left out)")
    .argument("[file]", "a .eval_results/*.yaml file")
    .option("--hf", "Hugging Face's format: what huggingface.co reads, valid against `evalhub schema eval-results --hf`")
    .option("--out <path>", "where to write (a file with --hf FILE); stdout when omitted")
    .action((file: string | undefined, options: ExportOptions) => {
      process.exitCode = runExport(file, options);
    });
}

function runExport(file: string | undefined, options: ExportOptions): number {
  if (file === undefined) throw new UsageError("export: name a .eval_results file (exporting the whole hub to --out DIR is not available yet)");
  if (!options.hf) throw new UsageError("export: say which format; --hf is the one available for a single file");
  const result = exportHfResults(readInput(file), file);
  for (const problem of result.problems) process.stderr.write(`${formatProblem(problem)}\n`);
  if (result.yaml === null) return EXIT.problems;
  if (options.out === undefined) process.stdout.write(result.yaml);
  else writeFileSync(options.out, result.yaml);
  return EXIT.ok;
}

function readInput(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : err instanceof Error ? err.message : String(err);
    throw new UsageError(`${file}: ${reason}`);
  }
}
