import type { TestProject } from "vitest/node";
import { selectedDialects } from "./dialect-selection.ts";
import { startThrowawayPostgres } from "./postgres-server.ts";
import type { RunningPostgres } from "./postgres-server.ts";
import { ensurePythonClient } from "./python.ts";
import { runCommand } from "./run-command.ts";

/**
 * Starts what the tests share: a PostgreSQL server (unless TEST_DATABASE_URL names one) and the Python client venv.
 * Also runs `evalhub --version` once, which builds the CLI bundle (bin/cli-bundle.mjs) before the test files start
 * hubs and commands in parallel.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await runCommand(process.execPath, ["bin/evalhub.mjs", "--version"]);
  const [postgres, python] = await Promise.allSettled([providePostgres(), ensurePythonClient()]);
  if (python.status === "rejected") {
    if (postgres.status === "fulfilled") await postgres.value?.stop();
    throw python.reason;
  }
  if (postgres.status === "rejected") throw postgres.reason;
  project.provide("postgresAdminUrl", postgres.value?.url ?? null);
  project.provide("pythonClient", python.value);
  return async () => {
    await postgres.value?.stop();
  };
}

async function providePostgres(): Promise<RunningPostgres | undefined> {
  if (!selectedDialects().includes("postgres")) return undefined;
  const given = process.env.TEST_DATABASE_URL;
  if (given) return { url: given, stop: () => Promise.resolve() };
  return startThrowawayPostgres();
}
