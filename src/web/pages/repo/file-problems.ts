import { validateEvalResults } from "../../../formats/eval-results.ts";
import { validateEvalYaml } from "../../../formats/eval-yaml.ts";
import type { Problem } from "../../../formats/problems.ts";
import type { RepoKind } from "../../../db/schema.ts";

/** The problems of a file the hub reads (a dataset's root eval.yaml, a model's .eval_results YAML); null for other files. */
export function fileProblems(kind: RepoKind, path: string, text: string, frameworks: readonly string[]): Problem[] | null {
  if (kind === "dataset" && path === "eval.yaml") return validateEvalYaml(text, { file: path, frameworks }).problems;
  if (kind === "model" && /^\.eval_results\/.+\.ya?ml$/.test(path)) return validateEvalResults(text, { file: path }).problems;
  return null;
}
