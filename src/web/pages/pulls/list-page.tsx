import type { Context } from "hono";
import type { AppEnv } from "../../../api/env.ts";
import type { RepoKind } from "../../../db/schema.ts";
import type { DiscussionFilter } from "../../../hub/discussions/discussion-store.ts";
import { listDiscussions } from "../../../hub/discussions/list-discussions.ts";
import { RepoHeader } from "../../components/repo-header.tsx";
import { formatDate } from "../../format.ts";
import { renderPage } from "../../render.tsx";
import { discussionPath, repoPath, withQuery } from "../../urls.ts";
import { idOf, pageRepo } from "../page-repo.ts";
import { StatusBadge } from "./status-badge.tsx";

const PAGE_SIZE = 30;
const FILTERS: { id: DiscussionFilter["status"]; label: string }[] = [
  { id: "open", label: "Open" },
  { id: "merged", label: "Merged" },
  { id: "declined", label: "Closed" },
  { id: "all", label: "All" },
];

/** `/{ns}/{name}/discussions`: a repository's pull requests and discussions, by state, newest first. */
export async function pullRequestListPage(c: Context<AppEnv>, kind: RepoKind): Promise<Response> {
  const repo = await pageRepo(c, kind);
  const id = idOf(repo);
  const status = FILTERS.find((f) => f.id === c.req.query("status"))?.id ?? "open";
  const index = Math.min(Math.max(Number.parseInt(c.req.query("p") ?? "0", 10) || 0, 0), 100_000);
  const page = await listDiscussions(c.var.hub, repo, { kind: "all", status }, { index, size: PAGE_SIZE });
  const base = `${repoPath(kind, id)}/discussions`;
  return renderPage(
    c,
    `Pull requests · ${id}`,
    <>
      <RepoHeader kind={kind} id={id} isPrivate={repo.private === 1} current="discussions" />
      <nav class="tabs filter-tabs" aria-label="Filter by state">
        {FILTERS.map((f) => (
          <a href={withQuery(base, { status: f.id })} aria-current={f.id === status ? "page" : undefined}>
            {f.label}
          </a>
        ))}
      </nav>
      {page.discussions.length === 0 ? (
        <p class="muted">Nothing here.</p>
      ) : (
        <ul class="list discussions">
          {page.discussions.map((d) => (
            <li>
              <StatusBadge status={d.status} /> {d.kind === "pull_request" ? <span class="badge">PR</span> : null}{" "}
              <a href={discussionPath(kind, id, d.num)}>
                <strong>{d.title}</strong>
              </a>{" "}
              <span class="muted">
                #{d.num} by {d.author?.name ?? "deleted"}, {formatDate(d.created_at)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p>
        {index > 0 ? <a href={withQuery(base, { status, p: index - 1 })}>← Newer</a> : null}{" "}
        {page.start + page.discussions.length < page.total ? <a href={withQuery(base, { status, p: index + 1 })}>Older →</a> : null}
      </p>
      <p class="muted">
        Open a pull request with a client, e.g. <code>upload_file(…, create_pr=True)</code> in Python, or by pushing to <code>refs/pr/N</code>.
      </p>
    </>,
  );
}
