// Databases for the scenarios: SQLite files, and databases on one throwaway PostgreSQL server per bench run.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DialectName } from "../../src/db/dialect.ts";
import { createPostgresDatabase, dropPostgresDatabase } from "../../src/db/postgres-admin.ts";
import { startThrowawayPostgres, type RunningPostgres } from "../../test/support/postgres-server.ts";

export const DIALECTS: readonly DialectName[] = (process.env.BENCH_DIALECTS ?? "sqlite,postgres").split(",").map((d) => d.trim()).filter((d): d is DialectName => d === "sqlite" || d === "postgres");

let server: Promise<RunningPostgres> | undefined;

/** A new empty database; `drop` deletes it (a SQLite file with its temporary folder). */
export async function newDatabase(dialect: DialectName): Promise<{ url: string; drop(): Promise<void> }> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "evalhub-bench-"));
    return { url: join(dir, "hub.sqlite"), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  server ??= startThrowawayPostgres();
  const admin = (await server).url;
  const name = `bench_${randomBytes(6).toString("hex")}`;
  return { url: await createPostgresDatabase(admin, name), drop: () => dropPostgresDatabase(admin, name) };
}

export async function stopPostgres(): Promise<void> {
  if (server) await (await server).stop();
  server = undefined;
}

export async function postgresVersion(): Promise<string | null> {
  if (!server) return null;
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: (await server).url });
  await client.connect();
  try {
    return String((await client.query<{ server_version: string }>("show server_version")).rows[0]?.server_version ?? "?");
  } finally {
    await client.end();
  }
}

/** git's and PostgreSQL's versions, and the load on the machine, for the notes of a scenario. */
export async function environmentNote(): Promise<string> {
  const { runGit } = await import("../../src/git/run.ts");
  const git = (await runGit(null, ["--version"])).stdout.toString("utf8").trim().replace(/^git version /, "");
  const pg = await postgresVersion();
  const os = await import("node:os");
  const [one, five] = os.loadavg();
  const cores = os.cpus().length;
  return `Versions: git ${git}${pg ? `, PostgreSQL ${pg}` : ""}. Load average when the scenario ended: ${one?.toFixed(1)} (1 min), ${five?.toFixed(1)} (5 min) on ${cores} cores${Math.max(one ?? 0, five ?? 0) > cores ? " (above the core count: other work shared the machine)" : ""}. The bench runs under \`nice -n 19\` and measures each baseline in the same run, so other load slows hub and baseline alike: the ratios are the figures to compare.`;
}
