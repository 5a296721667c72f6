import type { Context } from "hono";
import type { AppEnv } from "../../../api/env.ts";
import { rawPathAfter } from "../../../api/raw-path.ts";
import { decodeRest } from "../../../api/revision-path.ts";
import type { RepoKind } from "../../../db/schema.ts";
import { commitHistory } from "../../../hub/browse/commit-history.ts";
import { resolveRevision } from "../../../hub/revisions.ts";
import { RepoHeader } from "../../components/repo-header.tsx";
import { formatDate, shortSha } from "../../format.ts";
import { renderPage } from "../../render.tsx";
import { commitPath, commitsPath, withQuery } from "../../urls.ts";
import { idOf, pageRepo } from "../page-repo.ts";

const PAGE_SIZE = 50;

export async function commitsPage(c: Context<AppEnv>, kind: RepoKind): Promise<Response> {
  const repo = await pageRepo(c, kind);
  const id = idOf(repo);
  const gitDir = c.var.hub.repos.gitDir(repo);
  const rev = decodeRest(rawPathAfter(c, kind === "dataset" ? 4 : 3)) || "main";
  const sha = await resolveRevision(gitDir, rev);
  const pageNo = Math.min(100_000, Math.max(0, Number.parseInt(c.req.query("p") ?? "0", 10) || 0));
  const { commits, total } = await commitHistory(gitDir, sha, { skip: pageNo * PAGE_SIZE, limit: PAGE_SIZE });
  return renderPage(
    c,
    `${id}: commits`,
    <>
      <RepoHeader kind={kind} id={id} isPrivate={repo.private === 1} current="commits" />
      <p class="muted">{total} commit{total === 1 ? "" : "s"} on {rev}</p>
      <ul class="list commits">
        {commits.map((commit) => (
          <li>
            <a href={commitPath(kind, id, commit.id)}>{commit.title || "(no message)"}</a>
            <div class="muted">
              {commit.authorName} · {formatDate(commit.authorDate)} · <code>{shortSha(commit.id)}</code>
            </div>
          </li>
        ))}
      </ul>
      <p>
        {pageNo > 0 ? <a href={withQuery(commitsPath(kind, id, rev), { p: pageNo - 1 || undefined })}>← Newer</a> : null}{" "}
        {(pageNo + 1) * PAGE_SIZE < total ? <a href={withQuery(commitsPath(kind, id, rev), { p: pageNo + 1 })}>Older →</a> : null}
      </p>
    </>,
  );
}
