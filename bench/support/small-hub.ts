// A fresh, empty hub server for the write and git scenarios: its own data folder and database, one admin token.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DialectName } from "../../src/db/dialect.ts";
import { Accounts } from "../../src/hub/accounts.ts";
import { openMigrated } from "../generate/hub-db.ts";
import { startChild, type ChildServer } from "./child-server.ts";
import { newDatabase } from "./databases.ts";

export const SMALL_HUB_TOKEN = "hf_benchsmallhubtoken0000000000";

export interface SmallHub {
  server: ChildServer;
  dataDir: string;
  databaseUrl: string;
  /** fetch() against the server with the admin's token. */
  call(method: string, path: string, body?: string, contentType?: string): Promise<Response>;
  close(): Promise<void>;
}

export async function startSmallHub(dialect: DialectName): Promise<SmallHub> {
  const dataDir = mkdtempSync(join(tmpdir(), "evalhub-bench-hub-"));
  const database = await newDatabase(dialect);
  const { db } = await openMigrated(database.url);
  const accounts = new Accounts(db);
  const admin = await accounts.createUser({ name: "admin", admin: true });
  await accounts.issueToken(admin.id, { name: "bench", role: "write", token: SMALL_HUB_TOKEN });
  await db.destroy();
  const server = await startChild("bench/support/serve.ts", [], { PORT: "0", HOST: "127.0.0.1", EVALHUB_DATA: dataDir, DATABASE_URL: database.url, LOG_LEVEL: "warn" });
  return {
    server,
    dataDir,
    databaseUrl: database.url,
    call: (method, path, body, contentType = "application/json") =>
      fetch(`${server.url}${path}`, { method, body, headers: { authorization: `Bearer ${SMALL_HUB_TOKEN}`, "content-type": contentType } }),
    close: async () => {
      await server.stop();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Checks an answer is a 2xx and returns its text. */
export async function ok(res: Response, what: string): Promise<string> {
  const text = await res.text();
  if (res.status < 200 || res.status > 299) throw new Error(`${what}: ${res.status} ${text.slice(0, 300)}`);
  return text;
}

export const ndjsonCommit = (summary: string, files: Record<string, string>) =>
  [{ key: "header", value: { summary, description: "" } }, ...Object.entries(files).map(([path, content]) => ({ key: "file", value: { path, content: Buffer.from(content).toString("base64"), encoding: "base64" } }))]
    .map((line) => JSON.stringify(line))
    .join("\n");
