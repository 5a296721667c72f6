import pino from "pino";
import { ConfigError, loadConfig, type Config } from "../config.ts";
import { HubError } from "../hub/errors.ts";
import { openHub, type Hub } from "../hub/hub.ts";
import { UsageError } from "./usage-error.ts";

/** The configuration from the environment; a bad value is a usage error (exit 2) that names it. */
export function configFromEnvironment(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
}

/** Runs `work` against the hub configured by the environment (the same data folder and database as `serve`). */
export async function withHub<T>(work: (hub: Hub) => Promise<T>): Promise<T> {
  const hub = await openHub(configFromEnvironment(), pino({ level: "silent" }));
  try {
    return await work(hub);
  } catch (err) {
    if (err instanceof HubError) throw new UsageError(err.message);
    throw err;
  } finally {
    await hub.close();
  }
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}
