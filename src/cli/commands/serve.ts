import type { Command } from "commander";
import { startServer } from "../../server.ts";
import { configFromEnvironment } from "../open-hub.ts";

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("run the hub: HTTP API, git over HTTP and web pages (configured by environment variables, see README)")
    .option("--demo", "on an empty hub, load demo benchmarks, models and a pull request first (what `npm start` does)")
    .action(async (options: { demo?: boolean }) => {
      const running = await startServer(configFromEnvironment(), undefined, { demo: options.demo === true });
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await running.close();
    });
}
