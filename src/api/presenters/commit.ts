import type { CommitInfo } from "../../git/log.ts";

export interface CommitBody {
  id: string;
  title: string;
  /** The message after the title. */
  message: string;
  authors: { user: string; avatar: string }[];
  date: string;
  /** With `expand[]=formatted`: the same texts, safe to put in HTML. */
  formatted?: { title: string; message: string };
}

export function presentCommit(commit: CommitInfo, options: { base: string; formatted: boolean }): CommitBody {
  const body: CommitBody = {
    id: commit.id,
    title: commit.title,
    message: commit.body,
    authors: [{ user: commit.authorName, avatar: `${options.base}/avatars/${encodeURIComponent(commit.authorName)}.svg` }],
    date: new Date(commit.authorDate).toISOString(),
  };
  if (options.formatted) body.formatted = { title: escapeHtml(commit.title), message: escapeHtml(commit.body) };
  return body;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}
