import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { chown, mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCommand } from "./run-command.ts";

export interface RunningPostgres {
  /** Superuser URL of the server's default database. */
  url: string;
  stop(): Promise<void>;
}

const missingServerHelp =
  "PostgreSQL server programs (initdb, pg_ctl) were not found. Install them with `apt-get install postgresql`, " +
  "or set TEST_DATABASE_URL to a PostgreSQL server where this user may CREATE DATABASE, " +
  "or run SQLite only with TEST_DIALECTS=sqlite.";

// The server may still be writing its log for a moment after pg_ctl reports it stopped.
const removeTree = { recursive: true, force: true, maxRetries: 5, retryDelay: 100 };

// Durability is pointless for a server that is deleted after the run.
const fastSettings = ["fsync=off", "synchronous_commit=off", "full_page_writes=off", "max_connections=200"];

/** Starts a private PostgreSQL in a fresh temporary folder; `stop()` shuts it down and deletes the folder. */
export async function startThrowawayPostgres(): Promise<RunningPostgres> {
  const bin = findPostgresBinDir();
  const root = await mkdtemp(join(tmpdir(), "evalhub-pg-"));
  const dataDir = join(root, "data");
  const socketDir = join(root, "sockets");
  const logFile = join(root, "server.log");
  const runAs = serverUser();
  const pgCtl = (args: string[]) => [...runAs.prefix, join(bin, "pg_ctl"), "-D", dataDir, ...args];
  const cleanupOnExit = () => {
    const [command, ...args] = pgCtl(["-m", "immediate", "-w", "stop"]);
    if (existsSync(join(dataDir, "postmaster.pid"))) spawnSync(command!, args, { stdio: "ignore", cwd: root });
    try {
      rmSync(root, removeTree);
    } catch {
      // nothing more can be done while the process exits
    }
  };
  process.once("exit", cleanupOnExit);
  try {
    await mkdir(socketDir);
    if (runAs.owner) await chownTree(root, runAs.owner);
    const run = (argv: string[]) => runCommand(argv[0]!, argv.slice(1), { cwd: root, timeoutMs: 120_000 });
    await run([...runAs.prefix, join(bin, "initdb"), "-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
    const port = await startOnFreePort((port) => {
      const options = [`-p ${port}`, `-k ${socketDir}`, "-c listen_addresses=127.0.0.1", ...fastSettings.map((s) => `-c ${s}`)];
      return run(pgCtl(["-l", logFile, "-w", "-t", "60", "-o", options.join(" "), "start"]));
    }, logFile);
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      async stop() {
        process.removeListener("exit", cleanupOnExit);
        try {
          await run(pgCtl(["-m", "immediate", "-w", "stop"]));
        } finally {
          await rm(root, removeTree);
        }
      },
    };
  } catch (error) {
    process.removeListener("exit", cleanupOnExit);
    cleanupOnExit();
    throw error;
  }
}

function findPostgresBinDir(): string {
  const fromPgConfig = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  const candidates = fromPgConfig.status === 0 ? [fromPgConfig.stdout.trim()] : [];
  const debianRoot = "/usr/lib/postgresql";
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => join(debianRoot, version, "bin")));
  }
  const found = candidates.find((dir) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl")));
  if (found === undefined) throw new Error(missingServerHelp);
  return found;
}

interface ServerUser {
  prefix: string[];
  owner?: { uid: number; gid: number };
}

// PostgreSQL refuses to run as root, so root runs it as the `postgres` account the Debian package creates.
function serverUser(): ServerUser {
  if (process.getuid?.() !== 0) return { prefix: [] };
  const uid = idOf("-u");
  const gid = idOf("-g");
  if (uid === undefined || gid === undefined) {
    throw new Error("Running as root needs the `postgres` OS account to start PostgreSQL; `apt-get install postgresql` creates it.");
  }
  return { prefix: ["runuser", "-u", "postgres", "--"], owner: { uid, gid } };
}

function idOf(flag: "-u" | "-g"): number | undefined {
  const result = spawnSync("id", [flag, "postgres"], { encoding: "utf8" });
  return result.status === 0 ? Number(result.stdout.trim()) : undefined;
}

async function chownTree(root: string, owner: { uid: number; gid: number }): Promise<void> {
  await chown(root, owner.uid, owner.gid);
  for (const entry of readdirSync(root)) await chown(join(root, entry), owner.uid, owner.gid);
}

// Another process may take the port between probing and binding, so retry with a new one.
async function startOnFreePort(start: (port: number) => Promise<unknown>, logFile: string): Promise<number> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      await start(port);
      return port;
    } catch (error) {
      lastError = error;
    }
  }
  const log = existsSync(logFile) ? readFileSync(logFile, "utf8").trim().split("\n").slice(-15).join("\n") : "";
  throw new Error(`PostgreSQL did not start.\n${log}`, { cause: lastError });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
