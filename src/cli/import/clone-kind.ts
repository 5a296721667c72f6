import { readBlob } from "../../git/blob.ts";
import { cardDataOf } from "../../formats/card-data.ts";
import type { RepoType } from "../hub-client/wire.ts";

/** Card metadata keys only dataset cards have (HF's dataset card template). */
const DATASET_CARD_KEYS = ["task_categories", "size_categories", "dataset_info", "configs", "source_datasets", "task_ids", "annotations_creators"];
/** Card metadata keys only model cards have. */
const MODEL_CARD_KEYS = ["base_model", "model-index", "pipeline_tag", "library_name"];

/**
 * A clone's kind when its folder does not say: an `eval.yaml` at the root of HEAD makes it a benchmark dataset;
 * else the card's metadata decides (dataset-only keys, model-only keys); else it is a model.
 */
export async function cloneKind(gitDir: string): Promise<{ kind: RepoType; why: string }> {
  if ((await readBlob(gitDir, "HEAD", "eval.yaml").catch(() => null)) !== null) return { kind: "dataset", why: "eval.yaml" };
  const readme = await readBlob(gitDir, "HEAD", "README.md", { maxBytes: 1024 * 1024 }).catch(() => null);
  const card = readme ? cardDataOf(readme) : {};
  if (MODEL_CARD_KEYS.some((k) => k in card)) return { kind: "model", why: "model card metadata" };
  if (DATASET_CARD_KEYS.some((k) => k in card)) return { kind: "dataset", why: "dataset card metadata" };
  return { kind: "model", why: "default" };
}
