import type { Selectable } from "kysely";
import type { ModelMetaTable } from "../../db/schema-results.ts";
import { cardDataOf } from "../../formats/card-data.ts";
import { modelCardFacts } from "../../formats/model-card.ts";
import { readSafetensorsHeader } from "../../formats/safetensors.ts";
import { blobSpec } from "../../git/blob.ts";
import { readBlobPrefix } from "../../git/blob-prefix.ts";
import { listTree } from "../../git/tree-walk.ts";
import type { RepoGit } from "./compute.ts";

const MAX_README_BYTES = 1024 * 1024;
/** Sharded checkpoints have many files; past this many headers the count is left to the model card. */
const MAX_SAFETENSORS_FILES = 256;
const FIRST_READ = 64 * 1024;

/**
 * Parameter count and base model from a model's main commit: the sum over its `*.safetensors` headers
 * (only the headers are read), else the model card's metadata; the base model from the card.
 */
export async function readModelMeta(git: RepoGit, repoId: number, commit: string): Promise<Selectable<ModelMetaTable>> {
  const [readme, fromHeaders] = await Promise.all([
    git.objects.read(blobSpec(commit, "README.md"), { maxBytes: MAX_README_BYTES }).then((o) => (o?.type === "blob" ? o.content : null), () => null),
    parametersFromSafetensors(git, commit),
  ]);
  const card = modelCardFacts(readme ? cardDataOf(readme) : {});
  const numParameters = fromHeaders ?? card.numParameters;
  return {
    repo_id: repoId,
    commit,
    num_parameters: numParameters,
    params_source: fromHeaders !== null ? "safetensors" : card.numParameters !== null ? "model card" : null,
    base_model: card.baseModel,
  };
}

async function parametersFromSafetensors({ dir: gitDir, objects }: RepoGit, commit: string): Promise<number | null> {
  const files = ((await listTree(objects, commit, { recursive: true })) ?? []).filter((e) => e.type === "blob" && e.path.endsWith(".safetensors"));
  if (files.length === 0 || files.length > MAX_SAFETENSORS_FILES) return null;
  let total = 0;
  for (const file of files) {
    let header = readSafetensorsHeader(await readBlobPrefix(gitDir, file.oid, FIRST_READ));
    if (!header.ok && header.needBytes !== undefined && header.needBytes > FIRST_READ) {
      header = readSafetensorsHeader(await readBlobPrefix(gitDir, file.oid, header.needBytes));
    }
    if (!header.ok) return null;
    total += header.numParameters;
  }
  return total;
}
