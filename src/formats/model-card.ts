/** What a model card's metadata says about the model, for leaderboard filters. */
export interface ModelCardFacts {
  /** The declared base model(s): a fine-tune, quantisation or merge declares one; null for a base model. */
  baseModel: string | null;
  /** A parameter count written in the metadata, used when no safetensors header gives one. */
  numParameters: number | null;
}

export function modelCardFacts(cardData: Record<string, unknown>): ModelCardFacts {
  const base = cardData["base_model"];
  const baseModel = typeof base === "string" && base.trim() !== "" ? base.trim() : Array.isArray(base) && base.some((b) => typeof b === "string") ? base.filter((b) => typeof b === "string").join(",") : null;
  const count = cardData["num_parameters"] ?? cardData["parameters"];
  const numParameters = typeof count === "number" && Number.isSafeInteger(count) && count > 0 ? count : null;
  return { baseModel, numParameters };
}
