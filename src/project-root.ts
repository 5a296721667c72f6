import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder holding evalhub's package.json. Found by walking up from this module rather than by a fixed
 * relative path, because the CLI also runs from a bundle in node_modules/.cache (see bin/cli-bundle.mjs).
 */
export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && isEvalhubManifest(manifest)) return dir;
    if (dirname(dir) === dir) throw new Error(`cannot find evalhub's package.json above ${start}`);
  }
}

function isEvalhubManifest(path: string): boolean {
  try {
    return (JSON.parse(readFileSync(path, "utf8")) as { name?: unknown }).name === "evalhub";
  } catch {
    return false;
  }
}
