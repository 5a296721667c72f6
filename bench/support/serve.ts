// The hub's HTTP server as `evalhub serve` runs it (same hub, same server), without the reconciler: its pass over
// 100,000 repositories would run in the background of every measurement (its cost is measured by `reindex`).
import pino from "pino";
import { createHttpServer } from "../../src/api/http-server.ts";
import { loadConfig } from "../../src/config.ts";
import { useGitRunner } from "../../src/git/run.ts";
import { openHub } from "../../src/hub/hub.ts";
import { reportMemoryOnSignal } from "../../src/memory-report.ts";

const config = loadConfig();
useGitRunner();
const hub = await openHub(config, pino({ level: config.logLevel, base: undefined }));
const server = createHttpServer(hub);
server.listen(config.port, config.host, () => {
  const address = server.address();
  process.stdout.write(`bench hub listening on http://127.0.0.1:${typeof address === "object" && address ? address.port : config.port}\n`);
});
// The memory scenario asks where the resident memory is, as it can ask `evalhub serve`.
reportMemoryOnSignal((line) => process.stdout.write(`${line}\n`));
const stop = () => server.close(() => void hub.close().finally(() => process.exit(0)));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
