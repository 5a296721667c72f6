import type { ExpressionBuilder } from "kysely";
import type { Database } from "../schema.ts";

/** Who is looking, for visibility: nobody, a site admin (sees all), or a user who sees public repos and their own and their organisations'. */
export type Viewer = { kind: "anonymous" } | { kind: "admin" } | { kind: "user"; userId: number };

/** `repos` rows the viewer may read, as a filter for any query that joins `repos`. */
export function visibleRepos<DB extends Database, TB extends "repos" & keyof DB>(eb: ExpressionBuilder<DB, TB>, viewer: Viewer) {
  const e = eb as unknown as ExpressionBuilder<Database, "repos">;
  if (viewer.kind === "admin") return e.lit(true);
  if (viewer.kind === "anonymous") return e("repos.private", "=", 0);
  return e.or([
    e("repos.private", "=", 0),
    e("repos.owner_id", "=", viewer.userId),
    e("repos.owner_id", "in", e.selectFrom("org_members").select("org_id").where("user_id", "=", viewer.userId)),
  ]);
}
