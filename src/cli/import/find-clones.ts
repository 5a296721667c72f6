import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { RepoType } from "../hub-client/wire.ts";

/** A clone found under the import folder: where it is, the id it gets, and its kind when the layout says it. */
export interface FoundClone {
  dir: string;
  id: string;
  /** From a `models/` or `datasets/` folder; null when the content must tell. */
  kind: RepoType | null;
}

const KIND_FOLDERS: Record<string, RepoType> = { models: "model", datasets: "dataset" };
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;

/**
 * Clones laid out as Hugging Face clones are: `DIR/<ns>/<name>` or `DIR/<ns>__<name>` (what `hf download` and
 * `huggingface_hub`'s cache call `models--ns--name`: we use the double underscore of our fixtures), optionally
 * under `DIR/models/` and `DIR/datasets/`, which then fix the kind. A clone is a folder with a `.git` folder.
 * Folders that are neither a clone nor hold clones at the expected depth are reported, not guessed at.
 */
export function findClones(root: string): { clones: FoundClone[]; skipped: string[] } {
  const clones: FoundClone[] = [];
  const skipped: string[] = [];
  for (const top of subfolders(root)) {
    const kind = KIND_FOLDERS[top] ?? null;
    if (kind) collect(join(root, top), kind, clones, skipped);
  }
  collect(root, null, clones, skipped, new Set(Object.keys(KIND_FOLDERS)));
  clones.sort((a, b) => a.id.localeCompare(b.id));
  return { clones, skipped };
}

function collect(dir: string, kind: RepoType | null, clones: FoundClone[], skipped: string[], ignore = new Set<string>()): void {
  for (const first of subfolders(dir)) {
    if (ignore.has(first)) continue;
    const path = join(dir, first);
    if (isClone(path)) {
      const [ns, name, ...rest] = first.split("__");
      if (ns && name && rest.length === 0 && NAME.test(ns) && NAME.test(name)) clones.push({ dir: path, id: `${ns}/${name}`, kind });
      else skipped.push(`${path}: a clone directly in the folder must be named <namespace>__<name>`);
      continue;
    }
    if (!NAME.test(first)) {
      skipped.push(`${path}: "${first}" is not a valid namespace`);
      continue;
    }
    for (const second of subfolders(path)) {
      const clone = join(path, second);
      if (isClone(clone) && NAME.test(second)) clones.push({ dir: clone, id: `${first}/${second}`, kind });
      else skipped.push(`${clone}: not a git clone (no .git folder) or not a valid name`);
    }
  }
}

function subfolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
}

function isClone(dir: string): boolean {
  const git = join(dir, ".git");
  return existsSync(git) && statSync(git).isDirectory();
}
