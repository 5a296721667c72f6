import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { Repo } from "../repos.ts";

/** Every repository, datasets first: results are classified against benchmarks, so those come before models. */
export async function allReposDatasetsFirst(db: Kysely<Database>): Promise<Repo[]> {
  const repos = await db.selectFrom("repos").selectAll().orderBy("id").execute();
  return [...repos.filter((r) => r.kind === "dataset"), ...repos.filter((r) => r.kind !== "dataset")];
}

/** How a repository is named in reports: `models/ns/name`, as in its URL. */
export const repoPath = (repo: Pick<Repo, "kind" | "namespace" | "name">) => `${repo.kind}s/${repo.namespace}/${repo.name}`;
