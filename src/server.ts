import type { ServerType } from "@hono/node-server";
import pino from "pino";
import { createHttpServer } from "./api/http-server.ts";
import { useGitRunner } from "./git/run.ts";
import type { Config } from "./config.ts";
import { bootstrapAdmin, openHub, type Hub } from "./hub/hub.ts";
import { Reconciler } from "./hub/results/reconciler.ts";
import { loadDemo } from "./hub/demo/load-demo.ts";
import { reportMemoryOnSignal } from "./memory-report.ts";

export interface RunningServer {
  hub: Hub;
  server: ServerType;
  url: string;
  /** Re-indexes refs that moved without being indexed: once after listening, then every EVALHUB_RECONCILE_SECONDS. */
  reconciler: Reconciler;
  close(): Promise<void>;
}

/** Opens the hub, creates the first admin on an empty hub, and listens. */
export interface StartOptions {
  /** Load the demo content into an empty hub (`evalhub serve --demo`, what `npm start` runs). */
  demo?: boolean;
}

export async function startServer(config: Config, out: (line: string) => void = (l) => process.stdout.write(`${l}\n`), options: StartOptions = {}): Promise<RunningServer> {
  const log = pino({ level: config.logLevel, base: undefined });
  const stopGitRunner = useGitRunner();
  const hub = await openHub(config, log);
  const admin = await bootstrapAdmin(hub);
  if (admin) {
    out(config.adminToken ? `Created site admin "${admin.name}" with the token from EVALHUB_ADMIN_TOKEN.` : `Created site admin "${admin.name}". Its token (shown once): ${admin.token}`);
  }
  if (options.demo && (await loadDemo(hub))) out("Loaded the demo content (benchmarks, models, a pull request) into this empty hub.");
  const server: ServerType = createHttpServer(hub);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  // Idle keep-alive connections outlive the clients' and load balancers' own idle timeouts (undici 4 s, typical
  // balancers 60 s), so it is always the client that closes one, never the server just as a request is sent on it.
  if ("keepAliveTimeout" in server) {
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
  }
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
  out(`evalhub listening on ${url} (data in ${config.dataDir}, ${hub.dialect} database)`);
  const reconciler = new Reconciler(hub, config.reconcileSeconds * 1000);
  reconciler.start();
  hub.webhookWorker.start();
  const stopMemoryReports = reportMemoryOnSignal(out);
  return {
    hub,
    server,
    url,
    reconciler,
    close: async () => {
      stopMemoryReports();
      await reconciler.stop();
      await hub.webhookWorker.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await hub.close();
      stopGitRunner();
    },
  };
}
