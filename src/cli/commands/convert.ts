import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { readInspectLog } from "../../formats/logs/inspect.ts";
import { readLightevalResults } from "../../formats/logs/lighteval.ts";
import { readLmEvalResults } from "../../formats/logs/lm-eval.ts";
import { readModelIndex } from "../../formats/logs/model-index.ts";
import type { LogReadOptions, LogReadResult, NormalisedLog } from "../../formats/logs/normalised.ts";
import { formatProblem, hasErrors, type Problem } from "../../formats/problems.ts";
import { serialiseEvalResults, toEvalResultEntry } from "../../formats/to-eval-results.ts";
import { EXIT } from "../exit-codes.ts";
import { UsageError } from "../usage-error.ts";

type Reader = (bytes: Uint8Array, opts: LogReadOptions) => LogReadResult;

const READERS: Record<string, Reader> = {
  inspect: readInspectLog,
  "lm-eval": readLmEvalResults,
  lighteval: readLightevalResults,
  "model-index": readModelIndex,
};

interface ConvertOptions {
  dataset: string;
  task: string;
  metric?: string;
  sourceUrl?: string;
  logTask?: string;
}

export function registerConvert(program: Command): void {
  program
    .command("convert")
    .description("turn an Inspect log, lm-eval or lighteval results, or a model card's model-index into a .eval_results entry (YAML on stdout)")
    .argument("<format>", Object.keys(READERS).join(", "))
    .argument("<file>", "the log, results JSON or README.md")
    .requiredOption("--dataset <id>", "Hub id of the benchmark dataset, e.g. openai/gsm8k")
    .requiredOption("--task <id>", "task id in the benchmark's eval.yaml")
    .option("--metric <name>", "metric to publish instead of the format's default, e.g. acc, acc,none or match/accuracy")
    .option("--source-url <url>", "where the result can be checked (logs, model card)")
    .option("--log-task <name>", "the task to convert when the file holds several")
    .action((format: string, file: string, options: ConvertOptions) => {
      process.exitCode = runConvert(format, file, options);
    });
}

function runConvert(format: string, file: string, options: ConvertOptions): number {
  const read = READERS[format];
  if (read === undefined) throw new UsageError(`convert: the format must be one of ${Object.keys(READERS).join(", ")}, not ${format}`);
  const result = read(readInput(file), options.metric === undefined ? { file } : { file, metric: options.metric });
  if (hasErrors(result.problems) || result.logs.length === 0) {
    printProblems(result.problems);
    return EXIT.problems;
  }
  const log = pickLog(result.logs, options.logTask);
  const target = { datasetId: options.dataset, taskId: options.task, ...(options.sourceUrl === undefined ? {} : { sourceUrl: options.sourceUrl }) };
  const conversion = toEvalResultEntry(log, target, file);
  printProblems([...result.problems, ...conversion.problems]);
  if (conversion.entry === null) return EXIT.problems;
  process.stdout.write(serialiseEvalResults([conversion.entry]));
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

/** The one log to convert: the only one, or the one `--log-task` names. */
function pickLog(logs: readonly NormalisedLog[], wanted: string | undefined): NormalisedLog {
  const names = logs.map((log) => log.task ?? "(unnamed)").join(", ");
  if (wanted === undefined) {
    if (logs.length === 1 && logs[0] !== undefined) return logs[0];
    throw new UsageError(`the file holds ${logs.length} tasks; pick one with --log-task: ${names}`);
  }
  const matches = logs.filter((log) => log.task === wanted);
  if (matches.length === 1 && matches[0] !== undefined) return matches[0];
  if (matches.length === 0) throw new UsageError(`--log-task ${wanted} is not in the file; its tasks: ${names}`);
  throw new UsageError(`the file holds ${matches.length} results for task ${wanted}; they cannot be told apart by name`);
}

function printProblems(problems: readonly Problem[]): void {
  for (const problem of problems) process.stderr.write(`${formatProblem(problem)}\n`);
}
