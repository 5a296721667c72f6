import type { Context, Hono } from "hono";
import type { AppEnv } from "../../../api/env.ts";
import type { RepoKind } from "../../../db/schema.ts";
import { addComment } from "../../../hub/discussions/add-comment.ts";
import { changeStatus } from "../../../hub/discussions/change-status.ts";
import { mergePullRequest } from "../../../hub/discussions/merge-pull-request.ts";
import { HubError } from "../../../hub/errors.ts";
import { viewerOf } from "../../session/viewer.ts";
import { discussionPath } from "../../urls.ts";
import { formFields } from "../accounts/forms.tsx";
import { idOf, pageRepo } from "../page-repo.ts";
import { discussionNumber, pullRequestDetailPage } from "./detail-page.tsx";
import { pullRequestListPage } from "./list-page.tsx";

/** Pull requests and discussions of models (`/{ns}/{name}/discussions…`) and datasets (`/datasets/{ns}/{name}/discussions…`). */
export function registerPullRequestRoutes(app: Hono<AppEnv>): void {
  for (const [prefix, kind] of [["/datasets/:ns/:name", "dataset"], ["/:ns/:name", "model"]] as const) {
    app.get(`${prefix}/discussions`, (c) => pullRequestListPage(c, kind));
    app.get(`${prefix}/discussions/:num`, (c) => pullRequestDetailPage(c, kind));
    app.post(`${prefix}/discussions/:num/comment`, (c) => act(c, kind, async (form, repo, num) => void (await addComment(c.var.hub, viewerOf(c), repo, num, form.comment ?? ""))));
    app.post(`${prefix}/discussions/:num/merge`, (c) => act(c, kind, async (_form, repo, num) => void (await mergePullRequest(c.var.hub, viewerOf(c), repo, num))));
    app.post(`${prefix}/discussions/:num/status`, (c) =>
      act(c, kind, async (form, repo, num) => {
        const status = form.status === "open" ? "open" : "closed";
        await changeStatus(c.var.hub, viewerOf(c), repo, num, status);
      }),
    );
  }
}

/**
 * A form on the detail page: the service asks the policy and does it, then the browser goes back to the page.
 * A refusal the user can understand (already merged, a conflict, too long) is shown on the page itself.
 */
async function act(c: Context<AppEnv>, kind: RepoKind, run: (form: Record<string, string>, repo: Awaited<ReturnType<typeof pageRepo>>, num: number) => Promise<void>): Promise<Response> {
  const repo = await pageRepo(c, kind);
  const num = discussionNumber(c);
  if (num === null) return c.notFound();
  const form = await formFields(c, 70_000);
  try {
    await run(form, repo, num);
  } catch (error) {
    if (error instanceof HubError && (error.status === 400 || error.status === 409)) return pullRequestDetailPage(c, kind, { error: error.message, status: error.status });
    throw error;
  }
  return c.redirect(discussionPath(kind, idOf(repo), num), 303);
}
