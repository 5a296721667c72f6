import type { Context } from "hono";
import type { AppEnv } from "../../../api/env.ts";
import type { RepoKind } from "../../../db/schema.ts";
import { notFound } from "../../../hub/errors.ts";
import { commitWithPatch } from "../../../hub/browse/file-text.ts";
import { resolveRevision } from "../../../hub/revisions.ts";
import { RepoHeader } from "../../components/repo-header.tsx";
import { formatDate, shortSha } from "../../format.ts";
import { renderPage } from "../../render.tsx";
import { commitPath, treePath } from "../../urls.ts";
import { idOf, pageRepo } from "../page-repo.ts";

const MAX_PATCH_BYTES = 1024 * 1024;

/** The class of a line of a unified diff. */
function lineClass(line: string): string | undefined {
  if (line.startsWith("@@")) return "hunk";
  if (line.startsWith("+++") || line.startsWith("---") || line.startsWith("diff ")) return "file";
  if (line.startsWith("+")) return "add";
  if (line.startsWith("-")) return "del";
  return undefined;
}

export async function commitPage(c: Context<AppEnv>, kind: RepoKind): Promise<Response> {
  const repo = await pageRepo(c, kind);
  const id = idOf(repo);
  const raw = c.req.param("sha") ?? "";
  if (!/^[0-9a-f]{4,64}$/i.test(raw)) throw notFound("RevisionNotFound", `no commit ${raw.slice(0, 70)}`);
  const gitDir = c.var.hub.repos.gitDir(repo);
  const sha = await resolveRevision(gitDir, raw);
  const found = await commitWithPatch(gitDir, sha, MAX_PATCH_BYTES);
  if (!found) throw notFound("RevisionNotFound", `no commit ${raw}`);
  const { commit, patch } = found;
  return renderPage(
    c,
    `${commit.title} · ${id}`,
    <>
      <RepoHeader kind={kind} id={id} isPrivate={repo.private === 1} current="commits" />
      <h2>{commit.title || "(no message)"}</h2>
      {commit.body ? <pre class="commit-body">{commit.body}</pre> : null}
      <p class="muted">
        {commit.authorName} committed on {formatDate(commit.authorDate)} · <code>{commit.id}</code>
        {commit.parents.map((p) => (
          <>
            {" · parent "}
            <a href={commitPath(kind, id, p)}>{shortSha(p)}</a>
          </>
        ))}
        {" · "}
        <a href={treePath(kind, id, commit.id)}>Browse files</a>
      </p>
      {patch === null ? (
        <p class="muted">This change is too large to show.</p>
      ) : (
        <div class="code diff" role="region" aria-label="changes">
          {patch.split("\n").map((line) => (
            <div class={`line ${lineClass(line) ?? ""}`}>
              <span class="text">{line}</span>
            </div>
          ))}
        </div>
      )}
    </>,
  );
}
