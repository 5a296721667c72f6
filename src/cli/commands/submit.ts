import { readFileSync } from "node:fs";
import { basename, sep } from "node:path";
import type { Command } from "commander";
import { formatProblem, type Problem } from "../../formats/problems.ts";
import { contentHash } from "../../hub/results/result-rows.ts";
import { findDuplicate } from "../duplicate-check.ts";
import { EXIT } from "../exit-codes.ts";
import type { HubClient } from "../hub-client/client.ts";
import { commitFiles } from "../hub-client/commit-files.ts";
import { modelResults } from "../hub-client/get-model-results.ts";
import { hubClient, withHubOption, type HubOption } from "../hub-target.ts";
import { registryFromHub } from "../remote-registry.ts";
import { repoIdArgument } from "../repo-id.ts";
import { checkResultsFile, datasetIdsOf, type CheckedResultsFile } from "../results-check.ts";
import { UsageError } from "../usage-error.ts";

const RESULTS_DIR = ".eval_results/";

interface SubmitOptions extends HubOption {
  pr?: boolean;
  message?: string;
  format: string;
}

interface LocalFile {
  local: string;
  /** Where it goes in the model repository. */
  path: string;
  bytes: Uint8Array;
}

/**
 * `evalhub submit MODEL FILE...`: checks the files against the hub's benchmarks, refuses what an open pull
 * request (or main) already has, then commits to main or, with `--pr`, opens a pull request.
 */
export function registerSubmit(program: Command): void {
  withHubOption(
    program
      .command("submit")
      .description("check .eval_results files against the hub's benchmarks, then commit them to MODEL's main or open a pull request (--pr)")
      .argument("<model>", "the model repository, ns/name")
      .argument("<files...>", ".eval_results/*.yaml files (stored as .eval_results/<name> unless their path has an .eval_results folder)")
      .option("--pr", "open a pull request instead of committing to main")
      .option("-m, --message <text>", "the commit message (and pull request title)")
      .option("--format <format>", "text or json", "text"),
  ).action(async (model: string, files: string[], options: SubmitOptions) => {
    if (options.format !== "text" && options.format !== "json") throw new UsageError(`--format must be text or json, not "${options.format}"`);
    process.exitCode = await submit(hubClient(options), repoIdArgument(model, "model"), files.map(readLocal), options);
  });
}

async function submit(client: HubClient, model: string, files: LocalFile[], options: SubmitOptions): Promise<number> {
  const json = options.format === "json";
  const firstPass = files.map((f) => checkResultsFile(f.bytes, f.local));
  const registry = await registryFromHub(client, datasetIdsOf(firstPass.map((c) => ({ entries: c.entries.map((e) => e.parsed) }))));
  const checked = files.map((f) => checkResultsFile(f.bytes, f.local, registry));
  const problems = checked.flatMap((c) => c.problems);
  if (!checked.every((c) => c.ok)) return refuseInvalid(problems, json);
  for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);

  const duplicate = findDuplicate(hashesOf(checked), await modelResults(client, model));
  if (duplicate) {
    const where = duplicate.where === "main" ? "main" : `pull request #${duplicate.num}`;
    const url = duplicate.where === "main" ? `${client.url}/${model}` : `${client.url}/${model}/discussions/${duplicate.num}`;
    const message = `not submitted: ${where} of ${model} already has these entries (${url})`;
    if (json) process.stdout.write(`${JSON.stringify({ submitted: false, duplicateOf: duplicate.where === "main" ? "main" : duplicate.num, url }, null, 2)}\n`);
    process.stderr.write(`evalhub: ${message}\n`);
    return EXIT.duplicate;
  }

  const summary = options.message ?? `Add evaluation results (${files.map((f) => basename(f.path)).join(", ")})`.slice(0, 200);
  const outcome = await commitFiles(client, { type: "model", repoId: model, summary, files: files.map(({ path, bytes }) => ({ path, content: bytes })), createPr: options.pr === true });
  const pullRequest = outcome.pullRequestUrl ? Number(/\/discussions\/(\d+)$/.exec(outcome.pullRequestUrl)?.[1]) : null;
  if (json) {
    process.stdout.write(`${JSON.stringify({ submitted: true, commit: outcome.commitOid, commitUrl: outcome.commitUrl, pullRequest, pullRequestUrl: outcome.pullRequestUrl ?? null }, null, 2)}\n`);
  } else if (outcome.pullRequestUrl) {
    process.stdout.write(`opened pull request #${pullRequest}: ${outcome.pullRequestUrl}\n`);
  } else {
    process.stdout.write(`committed ${outcome.commitOid.slice(0, 12)} to main: ${outcome.commitUrl}\n`);
  }
  return EXIT.ok;
}

function refuseInvalid(problems: Problem[], json: boolean): number {
  if (json) process.stdout.write(`${JSON.stringify({ submitted: false, problems }, null, 2)}\n`);
  else for (const p of problems) process.stdout.write(`${formatProblem(p)}\n`);
  const errors = problems.filter((p) => p.severity === "error").length;
  process.stderr.write(`evalhub: not submitted: ${errors} problem(s); nothing was sent\n`);
  return EXIT.problems;
}

function hashesOf(checked: CheckedResultsFile[]): string[] {
  return checked.flatMap((c) => c.entries.map((e) => contentHash(e.parsed.raw)));
}

function readLocal(local: string): LocalFile {
  if (!/\.ya?ml$/i.test(local)) throw new UsageError(`${local}: results files are .yaml or .yml`);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(local);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`${local}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder; name the files" : String(err)}`);
  }
  const normalised = `/${local.split(sep).join("/")}`;
  const at = normalised.lastIndexOf(`/${RESULTS_DIR}`) + 1;
  const path = at === 0 ? `${RESULTS_DIR}${basename(normalised)}` : normalised.slice(at);
  return { local, path, bytes };
}
