import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { BenchmarkRegistry, Classification } from "../../formats/classify.ts";
import { validateEvalYaml } from "../../formats/eval-yaml.ts";
import { formatProblem, type Problem } from "../../formats/problems.ts";
import { EXIT } from "../exit-codes.ts";
import { findFiles, type FileKind } from "../find-files.ts";
import { registryFromDirectory } from "../registry-dir.ts";
import { checkResultsFile } from "../results-check.ts";
import { UsageError } from "../usage-error.ts";

interface EntryReport extends Classification {
  index: number;
  line: number;
  column: number;
  entry: unknown;
}

interface FileReport {
  file: string;
  kind: FileKind;
  ok: boolean;
  problems: Problem[];
  entries?: EntryReport[];
}

interface ValidateOptions {
  registry?: string;
  format: string;
  kind?: FileKind;
}

export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description("check eval.yaml and .eval_results files; prints every problem as file:line:column")
    .argument("<paths...>", "files or folders")
    .option("--registry <dir>", "check dataset and task ids against DIR/<org>/<name>/eval.yaml")
    .option("--kind <kind>", "treat YAML files as eval-yaml or eval-results, whatever their names")
    .option("--format <format>", "text or json", "text")
    .action((paths: string[], options: ValidateOptions) => {
      process.exitCode = runValidate(paths, options);
    });
}

function runValidate(paths: string[], options: ValidateOptions): number {
  if (options.format !== "text" && options.format !== "json") throw new UsageError(`--format must be text or json, not ${options.format}`);
  if (options.kind && options.kind !== "eval-yaml" && options.kind !== "eval-results") throw new UsageError(`--kind must be eval-yaml or eval-results`);
  const registry = options.registry ? registryFromDirectory(options.registry) : undefined;
  const files = findFiles(paths, options.kind);
  if (files.length === 0) throw new UsageError("no eval.yaml or .eval_results files found");
  const reports = files.map((f) => (f.kind === "eval-yaml" ? checkBenchmark(f.path) : checkResults(f.path, registry)));
  if (options.format === "json") process.stdout.write(`${JSON.stringify({ files: reports, summary: summarise(reports) }, null, 2)}\n`);
  else printText(reports);
  return reports.every((r) => r.ok) ? EXIT.ok : EXIT.problems;
}

function checkBenchmark(path: string): FileReport {
  const result = validateEvalYaml(readFileSync(path), { file: path });
  return { file: path, kind: "eval-yaml", ok: result.benchmark !== null, problems: result.problems };
}

function checkResults(path: string, registry?: BenchmarkRegistry): FileReport {
  const checked = checkResultsFile(readFileSync(path), path, registry);
  const entries = checked.entries.map(({ parsed, ...classification }): EntryReport => ({
    index: parsed.index, line: parsed.line, column: parsed.column, entry: parsed.entry ?? parsed.raw, ...classification,
  }));
  return { file: path, kind: "eval-results", ok: checked.ok, problems: checked.problems, entries };
}

function summarise(reports: FileReport[]) {
  const entries = reports.flatMap((r) => r.entries ?? []);
  const count = (status: string) => entries.filter((e) => e.status === status).length;
  const problems = reports.flatMap((r) => r.problems);
  return {
    files: reports.length,
    invalidFiles: reports.filter((r) => !r.ok).length,
    entries: entries.length,
    valid: count("valid"),
    unknownBenchmark: count("unknown-benchmark"),
    unknownTask: count("unknown-task"),
    invalid: count("invalid"),
    errors: problems.filter((p) => p.severity === "error").length,
    warnings: problems.filter((p) => p.severity === "warning").length,
  };
}

function printText(reports: FileReport[]): void {
  for (const report of reports) {
    for (const problem of report.problems) process.stdout.write(`${formatProblem(problem)}\n`);
  }
  const s = summarise(reports);
  const entries = s.entries > 0 ? `, ${s.entries} entries (${s.valid} valid, ${s.unknownBenchmark} unknown-benchmark, ${s.unknownTask} unknown-task, ${s.invalid} invalid)` : "";
  const mark = s.invalidFiles === 0 ? "✔" : "✖";
  process.stdout.write(`${mark} ${s.files} file(s) checked, ${s.invalidFiles} with problems${entries}; ${s.errors} error(s), ${s.warnings} warning(s)\n`);
}
