import type { RepoKind } from "../db/schema.ts";

/** Paths of the site's pages, in one place (the same scheme as huggingface.co). */
const seg = (s: string) => encodeURIComponent(s);
const pathOf = (p: string) => p.split("/").map(seg).join("/");

export const repoPath = (kind: RepoKind, id: string) => `${kind === "dataset" ? "/datasets" : ""}/${pathOf(id)}`;
export const modelPath = (id: string) => repoPath("model", id);
export const datasetPath = (id: string) => repoPath("dataset", id);
export const treePath = (kind: RepoKind, id: string, rev: string, path = "") => `${repoPath(kind, id)}/tree/${seg(rev)}${path ? `/${pathOf(path)}` : ""}`;
export const blobPath = (kind: RepoKind, id: string, rev: string, path: string) => `${repoPath(kind, id)}/blob/${seg(rev)}/${pathOf(path)}`;
export const rawPath = (kind: RepoKind, id: string, rev: string, path: string) => `${repoPath(kind, id)}/resolve/${seg(rev)}/${pathOf(path)}`;
export const commitsPath = (kind: RepoKind, id: string, rev = "main") => `${repoPath(kind, id)}/commits/${seg(rev)}`;
export const commitPath = (kind: RepoKind, id: string, sha: string) => `${repoPath(kind, id)}/commit/${seg(sha)}`;
export const discussionPath = (kind: RepoKind, id: string, num: number) => `${repoPath(kind, id)}/discussions/${num}`;

/** A path with query parameters, leaving out empty ones. */
export function withQuery(path: string, params: Record<string, string | number | boolean | undefined | null>): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "" && v !== false) query.set(k, String(v));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** Only http(s) links leave the site; anything else (javascript:, data:) is not a link. */
export function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.toString() : undefined;
  } catch {
    return undefined;
  }
}
