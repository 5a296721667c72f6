import type { Command } from "commander";
import type { Hub } from "../../hub/hub.ts";
import { rebuildIndex } from "../../hub/results/rebuild.ts";
import { verifyIndex } from "../../hub/results/verify.ts";
import { countDifferences, describeDifference } from "../describe-difference.ts";
import { EXIT } from "../exit-codes.ts";
import { withHub } from "../open-hub.ts";
import { progressOnStderr } from "../progress.ts";
import { UsageError } from "../usage-error.ts";

interface ReindexOptions {
  verify?: boolean;
  format: string;
}

export function registerReindex(program: Command): void {
  program
    .command("reindex")
    .description("rebuild the results index from git; with --verify, only compare it with git and list the differences (exit 1 if any)")
    .option("--verify", "read only: recompute the index from git and print where the database differs")
    .option("--format <format>", "text or json", "text")
    .action(async (options: ReindexOptions) => {
      if (options.format !== "text" && options.format !== "json") throw new UsageError(`--format must be text or json, not ${options.format}`);
      const json = options.format === "json";
      process.exitCode = await withHub((hub) => (options.verify ? verify(hub, json) : reindex(hub, json)));
    });
}

async function verify(hub: Hub, json: boolean): Promise<number> {
  const progress = progressOnStderr("verified");
  const differences = await verifyIndex(hub.indexContext, { onProgress: progress.update });
  progress.finish();
  if (json) {
    process.stdout.write(`${JSON.stringify({ differences }, null, 2)}\n`);
    process.stderr.write(`${countDifferences(differences.length)}\n`);
  } else {
    for (const d of differences) process.stdout.write(`${describeDifference(d)}\n`);
    process.stdout.write(`${countDifferences(differences.length)}\n`);
  }
  return differences.length === 0 ? EXIT.ok : EXIT.problems;
}

async function reindex(hub: Hub, json: boolean): Promise<number> {
  const started = Date.now();
  const progress = progressOnStderr("indexed");
  const rebuilt = await rebuildIndex(hub, { onProgress: progress.update });
  progress.finish();
  const summary = { ...rebuilt, seconds: Math.round((Date.now() - started) / 100) / 10 };
  if (json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    for (const f of summary.failed) process.stdout.write(`failed: ${f.repo}: ${f.error}\n`);
    process.stdout.write(
      `re-indexed ${summary.repositories} repositories (${summary.datasets} datasets, ${summary.models} models) in ${summary.seconds} s: ` +
        `${summary.refs} refs, ${summary.results} result rows, ${summary.benchmarks} benchmarks${summary.failed.length > 0 ? `; ${summary.failed.length} failed` : ""}\n`,
    );
  }
  return summary.failed.length === 0 ? EXIT.ok : EXIT.problems;
}
