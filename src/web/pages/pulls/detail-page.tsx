import type { Context } from "hono";
import type { AppEnv } from "../../../api/env.ts";
import type { RepoKind } from "../../../db/schema.ts";
import { discussionDetails } from "../../../hub/discussions/discussion-details.ts";
import type { DiscussionAction } from "../../../hub/policy.ts";
import { pullRequestScores } from "../../../hub/results/pull-request-scores.ts";
import type { Repo } from "../../../hub/repos.ts";
import { RepoHeader } from "../../components/repo-header.tsx";
import { formatDate } from "../../format.ts";
import { pageViewer, renderPage } from "../../render.tsx";
import { CsrfField } from "../../session/csrf-field.tsx";
import { discussionPath } from "../../urls.ts";
import { FormError } from "../accounts/forms.tsx";
import { idOf, pageRepo } from "../page-repo.ts";
import { Conversation } from "./conversation.tsx";
import { ScoreChanges } from "./score-changes.tsx";
import { StatusBadge } from "./status-badge.tsx";

/** A discussion number from the path; anything else is a page that does not exist. */
export function discussionNumber(c: Context<AppEnv>): number | null {
  const text = c.req.param("num") ?? "";
  return /^[1-9][0-9]{0,8}$/.test(text) ? Number(text) : null;
}

/** `/{ns}/{name}/discussions/{num}`: the conversation, the scores a pull request changes, and what the viewer may do. */
export async function pullRequestDetailPage(c: Context<AppEnv>, kind: RepoKind, options: { error?: string; status?: 200 | 400 | 403 | 409 } = {}): Promise<Response> {
  const repo = await pageRepo(c, kind);
  const num = discussionNumber(c);
  if (num === null) return c.notFound();
  const id = idOf(repo);
  const details = await discussionDetails(c.var.hub, repo, num, { diff: false });
  const { discussion, events, changes } = details;
  const scores = changes ? await pullRequestScores(c.var.hub.repos.gitDir(repo), changes) : [];
  const allowed = await permittedActions(c, repo, discussion.author_id);
  const isPullRequest = discussion.kind === "pull_request";
  const open = discussion.status === "open" || discussion.status === "draft";
  const action = (verb: string) => `${discussionPath(kind, id, num)}/${verb}`;
  return renderPage(
    c,
    `${discussion.title} · #${num} · ${id}`,
    <>
      <RepoHeader kind={kind} id={id} isPrivate={repo.private === 1} current="discussions" />
      <header class="discussion-head">
        <h2>
          {discussion.title} <span class="muted">#{num}</span>
        </h2>
        <p>
          <StatusBadge status={discussion.status} /> {isPullRequest ? <span class="badge community">community</span> : null}{" "}
          <span class="muted">
            {discussion.author?.name ?? "deleted"} opened this {formatDate(discussion.created_at)}
            {isPullRequest && changes ? ` · wants to merge ${discussion.git_ref ?? ""} into ${changes.baseRef.replace("refs/heads/", "")}` : ""}
          </span>
        </p>
      </header>
      <FormError message={options.error} />
      {changes ? (
        <section class="card">
          <h3>Scores</h3>
          <ScoreChanges changes={scores} />
          {changes.conflictingFiles.length > 0 ? (
            <p class="banner warning">
              Merging would conflict on: {changes.conflictingFiles.join(", ")}. Resolve it in the pull request first.
            </p>
          ) : null}
          <details>
            <summary>
              {changes.files.length} file{changes.files.length === 1 ? "" : "s"} changed
            </summary>
            <ul class="list">
              {changes.files.map((f) => (
                <li>
                  <code>{f.path}</code> <span class="muted">{f.status}</span>
                </li>
              ))}
            </ul>
          </details>
        </section>
      ) : null}
      <Conversation events={events} kind={kind} id={id} />
      <div class="discussion-actions">
        {isPullRequest && open && allowed.merge ? (
          <form method="post" action={action("merge")} class="inline">
            <CsrfField />
            <button type="submit">Merge pull request</button>
          </form>
        ) : null}
        {open && allowed["change-status"] ? (
          <form method="post" action={action("status")} class="inline">
            <CsrfField />
            <input type="hidden" name="status" value="closed" />
            <button type="submit" class="secondary">
              Close
            </button>
          </form>
        ) : null}
        {discussion.status === "closed" && allowed["change-status"] ? (
          <form method="post" action={action("status")} class="inline">
            <CsrfField />
            <input type="hidden" name="status" value="open" />
            <button type="submit" class="secondary">
              Reopen
            </button>
          </form>
        ) : null}
      </div>
      {allowed.comment ? (
        <form method="post" action={action("comment")} class="stacked card">
          <CsrfField />
          <label>
            Comment (markdown)
            <textarea name="comment" rows={5} required maxlength={65536}></textarea>
          </label>
          <button type="submit">Comment</button>
        </form>
      ) : pageViewer(c).user ? null : (
        <p class="muted">
          <a href={`/login?next=${encodeURIComponent(discussionPath(kind, id, num))}`}>Sign in</a> to comment.
        </p>
      )}
    </>,
    { status: options.status ?? 200 },
  );
}

/** What the viewer may do here, as the policy decides: only those buttons are shown. */
async function permittedActions(c: Context<AppEnv>, repo: Repo, authorId: number | null): Promise<Record<"comment" | "change-status" | "merge", boolean>> {
  const viewer = pageViewer(c);
  const may = async (action: DiscussionAction) => (await c.var.hub.policy.discussionRefusal(viewer, repo, { authorId }, action)) === null;
  return { comment: await may("comment"), "change-status": await may("change-status"), merge: await may("merge") };
}
