import { repoId, type Repo } from "../../hub/repos.ts";
import { repoObjectId } from "./repo-info.ts";
import { repoUrl } from "./urls.ts";

/** `POST /api/repos/create`: JS reads `url` and `id`; Python parses `url` as `{endpoint}/{P}{ns}/{name}`. */
export function presentRepoCreated(base: string, repo: Repo) {
  return { url: repoUrl(base, repo), name: repoId(repo), id: repoObjectId(repo) };
}
