// Bench servers run as `evalhub serve` does: from an esbuild bundle with plain node (bin/cli-bundle.mjs), not
// through tsx, whose loader thread and in-memory sources would add to the memory and start-up measured.
import { mkdirSync } from "node:fs";
import { basename, resolve } from "node:path";

/** Bundles a TypeScript entry point into bench/.cache/bundles/NAME.mjs (with a source map) and returns its path. */
export async function bundled(entry: string): Promise<string> {
  const { build } = await import("esbuild");
  const dir = resolve("bench/.cache/bundles");
  mkdirSync(dir, { recursive: true });
  const outfile = resolve(dir, basename(entry).replace(/\.ts$/, ".mjs"));
  await build({
    entryPoints: [resolve(entry)],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: "linked",
    tsconfig: resolve("tsconfig.json"),
    external: ["better-sqlite3", "pg-native"],
    banner: { js: 'import { createRequire as benchCreateRequire } from "node:module"; const require = benchCreateRequire(import.meta.url);' },
    logLevel: "silent",
  });
  return outfile;
}
