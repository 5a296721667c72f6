import type { Hub } from "../hub.ts";
import type { Repo } from "../repos.ts";
import { DiscussionStore, type Discussion, type DiscussionFilter } from "./discussion-store.ts";

export const DISCUSSIONS_PAGE_SIZE = 50;

/** A page of a repository's discussions and pull requests (the caller may read the repository), newest first. */
export async function listDiscussions(hub: Pick<Hub, "db">, repo: Repo, filter: DiscussionFilter, page: { index: number; size: number }): Promise<{ discussions: Discussion[]; total: number; start: number }> {
  const start = page.index * page.size;
  const { discussions, total } = await new DiscussionStore(hub.db).list(repo.id, filter, { offset: start, limit: page.size });
  return { discussions, total, start };
}
