import { defineConfig } from "vitest/config";
import SlowFirstSequencer from "./test/support/slow-first-sequencer.ts";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 180_000,
    hookTimeout: 600_000,
    pool: "forks",
    // Most tests wait on git processes, servers and databases rather than compute: on two cores, three workers keep
    // both busy (TEST_WORKERS overrides).
    maxWorkers: Number(process.env.TEST_WORKERS) || 3,
    sequence: { sequencer: SlowFirstSequencer },
  },
});
