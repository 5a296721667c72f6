import type { Context } from "hono";
import type { AppEnv } from "../../../api/env.ts";
import type { RepoKind } from "../../../db/schema.ts";
import { lastCommitsOf } from "../../../hub/browse/last-commit.ts";
import { listEntries } from "../../../hub/browse/list-entries.ts";
import { RepoHeader } from "../../components/repo-header.tsx";
import { formatBytes, formatDate, shortSha } from "../../format.ts";
import { renderPage } from "../../render.tsx";
import { blobPath, commitPath, treePath } from "../../urls.ts";
import { Breadcrumbs } from "./breadcrumbs.tsx";
import { repoAtPath } from "./repo-context.ts";

/** Past this many entries in a folder, the last commit of each is not looked up (one git process each). */
const LAST_COMMIT_LOOKUPS = 30;
const MAX_ENTRIES = 1000;

export async function treePage(c: Context<AppEnv>, kind: RepoKind): Promise<Response> {
  const at = await repoAtPath(c, kind);
  const entries = (await listEntries(at.gitDir, at.sha, { path: at.path, recursive: false })).slice(0, MAX_ENTRIES);
  const lastCommits = entries.length <= LAST_COMMIT_LOOKUPS ? await lastCommitsOf(at.gitDir, at.sha, entries.map((e) => e.path)) : [];
  const name = (path: string) => path.slice(path.lastIndexOf("/") + 1);
  return renderPage(
    c,
    `${at.id}: files`,
    <>
      <RepoHeader kind={kind} id={at.id} isPrivate={at.repo.private === 1} current="files" />
      <Breadcrumbs kind={kind} id={at.id} rev={at.rev} path={at.path} />
      <div class="table-wrap">
        <table class="files">
          <thead>
            <tr>
              <th>Name</th>
              <th class="num">Size</th>
              <th class="hide-narrow">Last commit</th>
              <th class="hide-narrow">Date</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry, i) => {
              const last = lastCommits[i];
              return (
                <tr>
                  <td>
                    {entry.type === "directory" ? (
                      <a href={treePath(kind, at.id, at.rev, entry.path)}>📁 {name(entry.path)}/</a>
                    ) : (
                      <a href={blobPath(kind, at.id, at.rev, entry.path)}>{name(entry.path)}</a>
                    )}
                  </td>
                  <td class="num">{entry.type === "file" ? formatBytes(entry.size) : ""}</td>
                  <td class="hide-narrow">{last ? <a href={commitPath(kind, at.id, last.id)}>{last.title || shortSha(last.id)}</a> : ""}</td>
                  <td class="hide-narrow">{last ? formatDate(last.date) : ""}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>,
  );
}
