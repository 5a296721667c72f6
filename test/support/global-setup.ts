import type { TestProject } from "vitest/node";
import { selectedDialects } from "./dialect-selection.ts";
import { startThrowawayPostgres } from "./postgres-server.ts";
import type { RunningPostgres } from "./postgres-server.ts";
import { ensurePythonClient } from "./python.ts";

/** Starts what the tests share: a PostgreSQL server (unless TEST_DATABASE_URL names one) and the Python client venv. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
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
