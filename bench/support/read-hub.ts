// The hub of the read scenarios: 100,000 models × 10 tasks indexed, written straight into the database
// (bench/generate/index-rows.ts). SQLite files are cached in bench/.cache by shape; PostgreSQL databases are
// made once per bench run.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { DialectName } from "../../src/db/dialect.ts";
import { migrations } from "../../src/db/migrations/index.ts";
import { sql } from "kysely";
import { openMigrated } from "../generate/hub-db.ts";
import { writeIndexRows } from "../generate/index-rows.ts";
import { defaultShape, shapeKey, type HubShape } from "../generate/shape.ts";
import { newDatabase } from "./databases.ts";

export const READ_MODELS = Number(process.env.BENCH_READ_MODELS ?? 100_000);
export const ADMIN_TOKEN = "hf_benchmarkadmintoken00000000";
const GENERATOR_VERSION = "index-rows-1";

export interface ReadHub {
  dialect: DialectName;
  shape: HubShape;
  databaseUrl: string;
  dataDir: string;
  results: number;
  history: number;
  /** Seconds generation took, or null when the cached copy was used. */
  generatedIn: number | null;
}

const made = new Map<DialectName, Promise<ReadHub>>();

export function readHub(dialect: DialectName): Promise<ReadHub> {
  let hub = made.get(dialect);
  if (!hub) {
    hub = build(dialect);
    made.set(dialect, hub);
  }
  return hub;
}

async function build(dialect: DialectName): Promise<ReadHub> {
  const shape = defaultShape(READ_MODELS);
  const key = shapeKey(shape, GENERATOR_VERSION, ...Object.keys(migrations));
  const folder = resolve("bench/.cache", `reads-${key}`);
  const dataDir = join(folder, "data");
  mkdirSync(dataDir, { recursive: true });
  const summaryFile = join(folder, "sqlite-summary.json");
  if (dialect === "sqlite" && existsSync(summaryFile)) {
    const summary = JSON.parse(readFileSync(summaryFile, "utf8")) as { results: number; history: number };
    return { dialect, shape, databaseUrl: join(folder, "hub.sqlite"), dataDir, ...summary, generatedIn: null };
  }
  const started = Date.now();
  const target = dialect === "sqlite" ? { url: join(folder, "hub.sqlite.partial"), drop: async () => undefined } : await newDatabase(dialect);
  if (dialect === "sqlite") rmSync(target.url, { force: true });
  const { db } = await openMigrated(target.url);
  let last = 0;
  const summary = await writeIndexRows(db, shape, ADMIN_TOKEN, (done, total) => {
    if (done - last >= total / 10 || done === total) {
      last = done;
      process.stdout.write(`  ${dialect}: ${done}/${total} models written\n`);
    }
  });
  // PostgreSQL's autovacuum would analyse the new tables soon after; do it now rather than measure without statistics.
  if (dialect === "postgres") await sql`analyze`.execute(db);
  await db.destroy();
  const result = { results: summary.results, history: summary.history };
  if (dialect === "sqlite") {
    for (const suffix of ["-wal", "-shm"]) rmSync(`${target.url}${suffix}`, { force: true });
    renameSync(target.url, join(folder, "hub.sqlite"));
    writeFileSync(summaryFile, JSON.stringify(result));
    return { dialect, shape, databaseUrl: join(folder, "hub.sqlite"), dataDir, ...result, generatedIn: (Date.now() - started) / 1000 };
  }
  return { dialect, shape, databaseUrl: target.url, dataDir, ...result, generatedIn: (Date.now() - started) / 1000 };
}
