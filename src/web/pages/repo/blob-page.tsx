import type { Context } from "hono";
import type { AppEnv } from "../../../api/env.ts";
import type { RepoKind } from "../../../db/schema.ts";
import { readFileText } from "../../../hub/browse/file-text.ts";
import { entryNotFound } from "../../../hub/browse/list-entries.ts";
import { ProblemsBanner } from "../../components/problems-banner.tsx";
import { RepoHeader } from "../../components/repo-header.tsx";
import { formatBytes } from "../../format.ts";
import { renderPage } from "../../render.tsx";
import { commitsPath, rawPath } from "../../urls.ts";
import { Breadcrumbs } from "./breadcrumbs.tsx";
import { fileProblems } from "./file-problems.ts";
import { repoAtPath } from "./repo-context.ts";

/** Files larger than this are offered as a download only. */
const MAX_SHOWN_BYTES = 1024 * 1024;

/** One file: its text with line numbers and anchors, and for the files the hub reads, their problems with the lines marked. */
export async function blobPage(c: Context<AppEnv>, kind: RepoKind): Promise<Response> {
  const at = await repoAtPath(c, kind);
  const file = await readFileText(at.gitDir, at.sha, at.path, MAX_SHOWN_BYTES);
  if (!file) throw entryNotFound(at.path);
  const problems = file.text === null ? null : fileProblems(kind, file.entry.path, file.text, c.var.hub.indexContext.frameworks);
  const badLines = new Set((problems ?? []).map((p) => p.line));
  const lines = file.text === null ? [] : file.text.replace(/\n$/, "").split("\n");
  return renderPage(
    c,
    `${at.path} · ${at.id}`,
    <>
      <RepoHeader kind={kind} id={at.id} isPrivate={at.repo.private === 1} current="files" />
      <Breadcrumbs kind={kind} id={at.id} rev={at.rev} path={at.path} />
      <p class="muted">
        {formatBytes(file.entry.size)} · <a href={rawPath(kind, at.id, at.rev, at.path)}>Raw download</a> · <a href={commitsPath(kind, at.id, at.rev)}>History</a>
      </p>
      {problems !== null && problems.length === 0 ? <p class="banner ok">This file is valid.</p> : null}
      {problems ? <ProblemsBanner title={`${problems.length} problem${problems.length === 1 ? "" : "s"} in this file`} problems={problems} lineHref={(line) => `#L${line}`} /> : null}
      {file.text === null ? (
        <p class="muted">{file.reason === "binary" ? "This file is binary." : "This file is too large to show."} Use the raw download.</p>
      ) : (
        <div class="code" role="region" aria-label="file content">
          {lines.map((line, i) => (
            <div class={badLines.has(i + 1) ? "line problem" : "line"} id={`L${i + 1}`}>
              <a class="no" href={`#L${i + 1}`}>{i + 1}</a>
              <span class="text">{line}</span>
            </div>
          ))}
        </div>
      )}
    </>,
  );
}
