import type { RepoKind } from "../db/schema.ts";
import { badRequest } from "../hub/errors.ts";

/** The `type` of a create or delete body: absent means model (Python leaves it out for models). */
export function repoKindOfType(type: "model" | "dataset" | "space" | null | undefined): RepoKind {
  if (type === "space") throw badRequest("SpacesNotHosted", "spaces are not hosted on this hub; use a model or dataset repository");
  return type ?? "model";
}
