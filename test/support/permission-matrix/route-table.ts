import { createApp } from "../../../src/api/app.ts";
import { loadConfig } from "../../../src/config.ts";
import type { Hub } from "../../../src/hub/hub.ts";

/**
 * Every `METHOD /path` the server answers, from the real app's route table (Hono's `app.routes`), middleware
 * (`ALL`) left out. Registering routes reads nothing of the hub but its configuration, so the app is built with the
 * running hub's configuration alone rather than opening a second hub on its database.
 */
export function serverRoutes(env: NodeJS.ProcessEnv): string[] {
  const app = createApp({ config: loadConfig(env) } as Hub);
  return [...new Set(app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`))];
}

/** The route of a matrix key: `POST /x (scenario)` → `POST /x`. */
export const routeOf = (key: string) => key.replace(/ \(.*\)$/, "");
