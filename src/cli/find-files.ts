import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, join, sep } from "node:path";
import { UsageError } from "./usage-error.ts";

export type FileKind = "eval-yaml" | "eval-results";

export interface FoundFile {
  path: string;
  kind: FileKind;
}

const SKIP_DIRS = new Set([".git", "node_modules"]);

export function kindByName(path: string): FileKind | null {
  const name = basename(path);
  if (name === "eval.yaml" || name.endsWith(".eval.yaml")) return "eval-yaml";
  if (/\.ya?ml$/.test(name) && path.split(sep).includes(".eval_results")) return "eval-results";
  return null;
}

/**
 * Files to validate: named files are taken whatever their name (YAML files that are not eval.yaml count as
 * results); folders are walked for eval.yaml and .eval_results/*.y(a)ml. `forced` overrides the kind.
 */
export function findFiles(paths: string[], forced?: FileKind): FoundFile[] {
  const out: FoundFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) walk(full);
      else if (entry.isFile()) {
        const kind = forced && /\.ya?ml$/.test(entry.name) ? forced : kindByName(full);
        if (kind) out.push({ path: full, kind });
      }
    }
  };
  for (const path of paths) {
    if (!existsSync(path)) throw new UsageError(`${path}: no such file or folder`);
    if (statSync(path).isDirectory()) walk(path);
    else out.push({ path, kind: forced ?? kindByName(path) ?? "eval-results" });
  }
  return out;
}
