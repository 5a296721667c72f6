import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { EXIT } from "../exit-codes.ts";
import { HubRequestError, HubUnreachableError } from "../hub-client/errors.ts";
import { hubClient, withHubOption, type HubOption } from "../hub-target.ts";
import { cloneKind } from "../import/clone-kind.ts";
import { findClones, type FoundClone } from "../import/find-clones.ts";
import { importClone, type ImportOutcome, type ImportReport } from "../import/import-clone.ts";
import { progressOnStderr } from "../progress.ts";
import { UsageError } from "../usage-error.ts";

interface ImportOptions extends HubOption {
  format: string;
  private?: boolean;
}

/**
 * `evalhub import DIR`: a folder of Hugging Face clones (models and datasets, with their history) into a hub,
 * datasets first so that benchmarks exist when the models' results are indexed.
 */
export function registerImport(program: Command): void {
  withHubOption(
    program
      .command("import")
      .description("import a folder of git clones of Hugging Face model and dataset repositories (DIR/<ns>/<name>, DIR/<ns>__<name>, or under DIR/models/ and DIR/datasets/) with their history")
      .argument("<dir>", "the folder of clones")
      .option("--private", "create missing repositories as private")
      .option("--format <format>", "text or json", "text"),
  ).action(async (dir: string, options: ImportOptions) => {
    if (options.format !== "text" && options.format !== "json") throw new UsageError(`--format must be text or json, not "${options.format}"`);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`import: ${dir} is not a folder`);
    process.exitCode = await runImport(dir, options);
  });
}

async function runImport(dir: string, options: ImportOptions): Promise<number> {
  const client = hubClient(options);
  const json = options.format === "json";
  const { clones, skipped } = findClones(dir);
  for (const reason of skipped) process.stderr.write(`skipped ${reason}\n`);
  if (clones.length === 0) throw new UsageError(`import: no clones found in ${dir}`);

  const typed = await Promise.all(clones.map(async (c) => ({ ...c, kind: c.kind ?? (await cloneKind(join(c.dir, ".git"))).kind })));
  const ordered = [...typed.filter((c) => c.kind === "dataset"), ...typed.filter((c) => c.kind === "model")];
  const progress = progressOnStderr("imported");
  const reports: ImportReport[] = [];
  progress.update(0, ordered.length);
  for (const clone of ordered) {
    const report = await importOne(client, clone, options);
    reports.push(report);
    if (!json) {
      progress.finish();
      process.stdout.write(`${report.outcome} ${report.kind} ${report.id}: ${report.detail}\n`);
    }
    progress.update(reports.length, ordered.length);
  }
  progress.finish();

  const count = (o: ImportOutcome) => reports.filter((r) => r.outcome === o).length;
  const summary = { repositories: reports.length, created: count("created"), updated: count("updated"), unchanged: count("unchanged"), failed: count("failed"), skipped: skipped.length };
  if (json) process.stdout.write(`${JSON.stringify({ summary, repositories: reports }, null, 2)}\n`);
  else process.stdout.write(`${summary.repositories} repositories: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.failed} failed; ${summary.skipped} folders skipped\n`);
  return summary.failed > 0 ? EXIT.problems : EXIT.ok;
}

/** One clone; a refusal of the hub for it (no such namespace, no permission) fails it, not the whole import. */
async function importOne(client: ReturnType<typeof hubClient>, clone: FoundClone & { kind: "model" | "dataset" }, options: ImportOptions): Promise<ImportReport> {
  try {
    return await importClone(client, clone, { private: options.private === true });
  } catch (err) {
    if (err instanceof HubUnreachableError) throw err;
    const detail = err instanceof HubRequestError ? `${err.status}${err.code ? ` ${err.code}` : ""}: ${err.serverMessage}` : err instanceof Error ? err.message : String(err);
    return { id: clone.id, kind: clone.kind, dir: clone.dir, outcome: "failed", commits: 0, detail };
  }
}
