import { blobSpec } from "../../git/blob.ts";
import type { CatFileReader } from "../../git/cat-file.ts";
import { log } from "../../git/log.ts";
import { validateEvalYaml } from "../../formats/eval-yaml.ts";
import type { StoredBenchmark } from "./benchmark-definition.ts";
import type { RepoGit } from "./compute.ts";

/** How far back main's history is searched for the last valid eval.yaml. */
const HISTORY_DEPTH = 200;

/**
 * The benchmark a dataset's main commit defines, or null when main has no root eval.yaml. When the current
 * eval.yaml is invalid, the task list is the last valid one in main's history: a pure function of git.
 */
export async function readBenchmark(
  git: RepoGit,
  target: { repoId: number; datasetKey: string; mainCommit: string },
  frameworks: readonly string[],
): Promise<StoredBenchmark | null> {
  const text = await evalYamlAt(git.objects, target.mainCommit);
  if (text === null) return null;
  const current = validateEvalYaml(text, { file: "eval.yaml", frameworks });
  const base = { repoId: target.repoId, datasetKey: target.datasetKey, mainCommit: target.mainCommit, problems: current.problems };
  if (current.benchmark) return { ...base, valid: true, definition: current.benchmark, definitionCommit: target.mainCommit };
  for (const commit of await log(git.dir, target.mainCommit, { path: "eval.yaml", limit: HISTORY_DEPTH })) {
    if (commit.id === target.mainCommit) continue;
    const older = await evalYamlAt(git.objects, commit.id);
    const parsed = older === null ? null : validateEvalYaml(older, { file: "eval.yaml", frameworks });
    if (parsed?.benchmark) return { ...base, valid: false, definition: parsed.benchmark, definitionCommit: commit.id };
  }
  return { ...base, valid: false, definition: null, definitionCommit: null };
}

async function evalYamlAt(reader: CatFileReader, commit: string): Promise<Buffer | null> {
  const object = await reader.read(blobSpec(commit, "eval.yaml"));
  return object?.type === "blob" ? object.content : null;
}
