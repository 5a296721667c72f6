import { readBlob } from "../../git/blob.ts";
import { log } from "../../git/log.ts";
import { validateEvalYaml } from "../../formats/eval-yaml.ts";
import type { StoredBenchmark } from "./benchmark-definition.ts";

/** How far back main's history is searched for the last valid eval.yaml. */
const HISTORY_DEPTH = 200;

/**
 * The benchmark a dataset's main commit defines, or null when main has no root eval.yaml. When the current
 * eval.yaml is invalid, the task list is the last valid one in main's history: a pure function of git.
 */
export async function readBenchmark(
  gitDir: string,
  target: { repoId: number; datasetKey: string; mainCommit: string },
  frameworks: readonly string[],
): Promise<StoredBenchmark | null> {
  const text = await readBlob(gitDir, target.mainCommit, "eval.yaml");
  if (text === null) return null;
  const current = validateEvalYaml(text, { file: "eval.yaml", frameworks });
  const base = { repoId: target.repoId, datasetKey: target.datasetKey, mainCommit: target.mainCommit, problems: current.problems };
  if (current.benchmark) return { ...base, valid: true, definition: current.benchmark, definitionCommit: target.mainCommit };
  for (const commit of await log(gitDir, target.mainCommit, { path: "eval.yaml", limit: HISTORY_DEPTH })) {
    if (commit.id === target.mainCommit) continue;
    const older = await readBlob(gitDir, commit.id, "eval.yaml");
    const parsed = older === null ? null : validateEvalYaml(older, { file: "eval.yaml", frameworks });
    if (parsed?.benchmark) return { ...base, valid: false, definition: parsed.benchmark, definitionCommit: commit.id };
  }
  return { ...base, valid: false, definition: null, definitionCommit: null };
}
