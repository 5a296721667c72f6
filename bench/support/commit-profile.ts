// The profile of one commit through the API: how many git processes the hub starts for it (the commit, then the
// indexing), counted in an in-process hub (same app, same services) so that the spawns can be seen.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { createApp } from "../../src/api/app.ts";
import { loadConfig } from "../../src/config.ts";
import { Accounts } from "../../src/hub/accounts.ts";
import { openHub } from "../../src/hub/hub.ts";
import { ndjsonCommit, SMALL_HUB_TOKEN } from "./small-hub.ts";
import { countSpawns } from "./spawn-counter.ts";

/** Git processes started by the commit of `files[files.length - 1]` after the others were committed one by one. */
export async function gitProcessesPerCommit(evalYaml: string, files: { path: string; content: string }[]): Promise<Map<string, number>> {
  const dataDir = mkdtempSync(join(tmpdir(), "evalhub-bench-profile-"));
  const hub = await openHub(loadConfig({ EVALHUB_DATA: dataDir, DATABASE_URL: join(dataDir, "hub.sqlite"), LOG_LEVEL: "silent" }), pino({ level: "silent" }));
  try {
    const accounts = new Accounts(hub.db);
    const admin = await accounts.createUser({ name: "admin", admin: true });
    await accounts.issueToken(admin.id, { name: "bench", role: "write", token: SMALL_HUB_TOKEN });
    const app = createApp(hub);
    const call = async (path: string, body: string, type: string) => {
      const res = await app.request(path, { method: "POST", body, headers: { authorization: `Bearer ${SMALL_HUB_TOKEN}`, "content-type": type } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    };
    await call("/api/repos/create", JSON.stringify({ name: "suite", organization: "admin", type: "dataset" }), "application/json");
    await call("/api/datasets/admin/suite/commit/main", ndjsonCommit("eval.yaml", { "eval.yaml": evalYaml }), "application/x-ndjson");
    await call("/api/repos/create", JSON.stringify({ name: "writer", organization: "admin", type: "model" }), "application/json");
    const commit = (f: { path: string; content: string }) => call("/api/models/admin/writer/commit/main", ndjsonCommit(`Add ${f.path}`, { [f.path]: f.content }), "application/x-ndjson");
    for (const f of files.slice(0, -1)) await commit(f);
    const last = files[files.length - 1];
    if (!last) return new Map();
    return (await countSpawns(() => commit(last))).spawns;
  } finally {
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
