import { repoPath, type HubClient } from "./client.ts";
import type { RepoType } from "./wire.ts";

/** How many commits `main` of a repository has, and its newest one (`X-Total-Count` of a one-commit page). */
export async function mainHistory(client: HubClient, type: RepoType, repoId: string): Promise<{ count: number; head: { id: string; title: string; author: string } | null }> {
  const response = await client.request(`/api/${type}s/${repoPath(repoId)}/commits/main`, { what: `history of ${repoId}`, query: { limit: "1" } });
  const commits = (await response.json()) as { id: string; title: string; authors: { user: string }[] }[];
  const head = commits[0];
  return { count: Number(response.headers.get("x-total-count") ?? commits.length), head: head ? { id: head.id, title: head.title, author: head.authors[0]?.user ?? "" } : null };
}
