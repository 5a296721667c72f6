import type { Viewer } from "../../db/queries/visible-repos.ts";
import type { Actor } from "../policy.ts";

/** What an actor may see, for queries across repositories (the same rule as Policy.repoAccess for reading). */
export function viewerOf(actor: Actor): Viewer {
  if (!actor.user) return { kind: "anonymous" };
  if (actor.user.is_admin) return { kind: "admin" };
  return { kind: "user", userId: actor.user.id };
}
