#!/usr/bin/env node
// The `evalhub` command. Runs the TypeScript sources with no build step to remember: bin/cli-bundle.mjs
// bundles them on first use (and after any edit) and falls back to tsx when it cannot.
import { loadCli } from "./cli-bundle.mjs";

const { main } = await loadCli();
process.exitCode = await main(process.argv);
