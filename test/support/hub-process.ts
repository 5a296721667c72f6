import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe } from "vitest";
import type { DialectName } from "../../src/db/dialect.ts";
import { selectedDialects } from "./dialect-selection.ts";
import { createTestDatabase, type TestDatabase } from "./dialects.ts";
import { runCommand } from "./run-command.ts";

export const EVALHUB_BIN = resolve("bin/evalhub.mjs");

/** A real `evalhub serve` process on a free loopback port, with its own data folder and database. */
export interface HubProcess {
  dialect: DialectName;
  url: string;
  adminToken: string;
  dataDir: string;
  databaseUrl: string;
  /** The environment the server runs with; CLI commands run with it act on the same hub. */
  env: NodeJS.ProcessEnv;
  child: ChildProcess;
  /** Everything the server printed so far. */
  output(): string;
  /** Runs `evalhub ARGS…` against the same data folder and database. */
  cli(args: string[], options?: { input?: string }): Promise<string>;
  /** Creates a user through the CLI and returns a write token. */
  createUser(name: string, options?: { admin?: boolean }): Promise<string>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface StartHubOptions {
  dialect: DialectName;
  /** Reuse a data folder and database (to restart a hub); a new pair is made otherwise. */
  dataDir?: string;
  databaseUrl?: string;
  adminToken?: string;
  env?: Record<string, string>;
  /** Extra arguments after `serve`, e.g. `--demo`. */
  serveArgs?: string[];
}

/** Extra node flags for hub processes, for diagnosis (e.g. `HUB_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/p"`; node refuses those in NODE_OPTIONS). */
const hubNodeArgs = () => (process.env.HUB_NODE_ARGS ?? "").split(" ").filter((a) => a !== "");

export const newAdminToken = () => `hf_${randomBytes(20).toString("hex")}`;

export async function startHub(options: StartHubOptions): Promise<HubProcess> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "evalhub-hub-")));
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase(options.dialect)).url;
  const adminToken = options.adminToken ?? newAdminToken();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: "0",
    HOST: "127.0.0.1",
    EVALHUB_DATA: dataDir,
    DATABASE_URL: databaseUrl,
    EVALHUB_ADMIN_TOKEN: adminToken,
    LOG_LEVEL: "warn",
    ...options.env,
  };
  const child = spawn(process.execPath, [...hubNodeArgs(), EVALHUB_BIN, "serve", ...(options.serveArgs ?? [])], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = /evalhub listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited with code ${code} before listening:\n${output}`));
    });
  });
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));

  const cli = async (args: string[], cliOptions: { input?: string } = {}) => {
    if (cliOptions.input === undefined) return (await runCommand(process.execPath, [EVALHUB_BIN, ...args], { env })).stdout;
    return runWithInput(args, env, cliOptions.input);
  };
  return {
    dialect: options.dialect,
    url,
    adminToken,
    dataDir,
    databaseUrl,
    env,
    child,
    output: () => output,
    cli,
    createUser: async (name, userOptions = {}) => (await cli(["user", "create", name, ...(userOptions.admin ? ["--admin"] : [])])).trim(),
    stop: (signal = "SIGTERM") =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once("exit", () => done());
        child.kill(signal);
      }),
  };
}

function runWithInput(args: string[], env: NodeJS.ProcessEnv, input: string): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [EVALHUB_BIN, ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    child.on("close", (code) => (code === 0 ? done(stdout) : fail(new Error(`evalhub ${args.join(" ")} exited ${code}: ${stderr}`))));
    child.stdin.end(input);
  });
}

/**
 * Runs the same tests once per dialect against a real hub process of its own (`sqlite: NAME`, `postgres: NAME`).
 * The hub, its data folder and its database are removed after the block.
 */
export function describeEachDialectWithHub(name: string, body: (getHub: () => HubProcess) => void): void {
  for (const dialect of selectedDialects()) {
    describe(`${dialect}: ${name}`, () => {
      let hub: HubProcess | undefined;
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(dialect);
        hub = await startHub({ dialect, databaseUrl: database.url });
      });
      afterAll(async () => {
        await hub?.stop();
        if (hub) await rm(hub.dataDir, { recursive: true, force: true });
        await database?.destroy();
      });
      body(() => {
        if (!hub) throw new Error("the hub runs only inside tests and hooks");
        return hub;
      });
    });
  }
}
