import type { Command } from "commander";
import { dataFormat, printRecords, type Column } from "../data-output.ts";
import { leaderboardRows } from "../hub-client/get-leaderboard.ts";
import { modelResults } from "../hub-client/get-model-results.ts";
import type { LeaderboardRowBody, ModelResultBody } from "../hub-client/wire.ts";
import { hubClient, withHubOption, type HubOption } from "../hub-target.ts";
import { repoIdArgument } from "../repo-id.ts";

interface LeaderboardOptions extends HubOption {
  task?: string;
  format: string;
  community: boolean;
  verifiedOnly?: boolean;
  asOf?: string;
}

const BOARD_COLUMNS: Column<LeaderboardRowBody>[] = [
  { header: "rank", value: (r) => r.rank },
  { header: "model", value: (r) => r.modelId },
  { header: "value", value: (r) => r.value },
  { header: "verified", value: (r) => r.verified },
  { header: "source", value: (r) => (r.community ? `PR #${r.pullRequest}` : "main") },
  { header: "date", value: (r) => r.date.slice(0, 10) },
  { header: "file", value: (r) => r.filename },
];

const RESULT_COLUMNS: Column<ModelResultBody>[] = [
  { header: "dataset", value: (r) => r.datasetId },
  { header: "task", value: (r) => r.taskId },
  { header: "value", value: (r) => r.value },
  { header: "status", value: (r) => r.status },
  { header: "verified", value: (r) => r.badges.verified },
  { header: "source", value: (r) => (r.pullRequest === null ? "main" : `PR #${r.pullRequest}`) },
  { header: "hidden", value: (r) => r.badges.hidden },
  { header: "file", value: (r) => `${r.filename}:${r.line}` },
  { header: "reasons", value: (r) => r.reasons.join("; ") },
];

/** `evalhub leaderboard DATASET` and `evalhub results MODEL`: read from a hub, print as a table, CSV or JSON. */
export function registerLeaderboard(program: Command): void {
  withHubOption(
    program
      .command("leaderboard")
      .description("print a benchmark's leaderboard from a hub")
      .argument("<dataset>", "the benchmark dataset, ns/name")
      .option("--task <id>", "the task (default: the benchmark's first)")
      .option("--format <format>", "table, csv or json", "table")
      .option("--no-community", "leave out results proposed in open pull requests")
      .option("--verified-only", "only verified results")
      .option("--as-of <date>", "the leaderboard as it was then (ISO 8601)"),
  ).action(async (dataset: string, options: LeaderboardOptions) => {
    const format = dataFormat(options.format);
    const client = hubClient(options);
    const params: Record<string, string> = { include_community: String(options.community) };
    if (options.verifiedOnly) params.verified_only = "true";
    if (options.asOf) params.as_of = options.asOf;
    const rows: LeaderboardRowBody[] = [];
    for await (const row of leaderboardRows(client, { datasetId: repoIdArgument(dataset, "dataset"), taskId: options.task, params })) rows.push(row);
    printRecords(format, BOARD_COLUMNS, rows);
  });

  withHubOption(
    program
      .command("results")
      .description("print every result of a model on a hub (main and open pull requests), with why each counts or not")
      .argument("<model>", "the model, ns/name")
      .option("--format <format>", "table, csv or json", "table"),
  ).action(async (model: string, options: HubOption & { format: string }) => {
    const format = dataFormat(options.format);
    printRecords(format, RESULT_COLUMNS, await modelResults(hubClient(options), repoIdArgument(model, "model")));
  });
}
