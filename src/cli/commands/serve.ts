import type { Command } from "commander";
import { ConfigError, loadConfig } from "../../config.ts";
import { startServer } from "../../server.ts";
import { UsageError } from "../usage-error.ts";

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("run the hub: HTTP API, git over HTTP and web pages (configured by environment variables, see README)")
    .action(async () => {
      let config;
      try {
        config = loadConfig();
      } catch (err) {
        if (err instanceof ConfigError) throw new UsageError(err.message);
        throw err;
      }
      const running = await startServer(config);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await running.close();
    });
}
