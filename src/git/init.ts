import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { runGit } from "./run.ts";

/**
 * Creates an empty bare repository whose HEAD is `main`. Fails if the directory already exists,
 * so two requests cannot both believe they created the same repository.
 */
export async function initBare(repoPath: string): Promise<void> {
  const path = resolve(repoPath);
  await mkdir(dirname(path), { recursive: true });
  await mkdir(path);
  // An empty template: no sample hooks, no description file.
  await runGit(null, ["init", "--bare", "--quiet", "--initial-branch=main", "--template=", path]);
}
