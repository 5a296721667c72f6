import { defineConfig } from "vitest/config";
import SlowFirstSequencer from "./test/support/slow-first-sequencer.ts";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 180_000,
    hookTimeout: 600_000,
    pool: "forks",
    // Most tests wait on git, servers and databases rather than compute, so two workers keep both cores busy.
    maxWorkers: 2,
    sequence: { sequencer: SlowFirstSequencer },
  },
});
