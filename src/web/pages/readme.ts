import type { Hub } from "../../hub/hub.ts";
import { CommitCache } from "../../hub/browse/commit-cache.ts";
import { readFileText } from "../../hub/browse/file-text.ts";
import type { Repo } from "../../hub/repos.ts";
import { findRevision } from "../../hub/revisions.ts";
import { renderCard } from "../markdown.ts";
import { README_MAX_BYTES } from "./page-repo.ts";

/** Rendered READMEs by commit, bounded by their length in characters. */
const rendered = new CommitCache<string | null>(8 * 1024 * 1024, (html) => html?.length ?? 1);

/** The README of main as safe HTML (front matter left out); null when there is none. */
export async function readmeHtml(hub: Hub, repo: Repo): Promise<string | null> {
  const gitDir = hub.repos.gitDir(repo);
  const main = await findRevision(gitDir, "HEAD");
  if (!main) return null;
  return rendered.get(gitDir, main, async () => {
    const file = await readFileText(gitDir, main, "README.md", README_MAX_BYTES);
    return file?.text ? renderCard(file.text) : null;
  });
}
