import type { Context, Hono } from "hono";
import type { AppEnv } from "../../../api/env.ts";
import type { RepoKind } from "../../../db/schema.ts";
import { updateRepoSettings } from "../../../hub/repo-settings.ts";
import { pageViewer, renderPage } from "../../render.tsx";
import { CsrfField } from "../../session/csrf-field.tsx";
import { viewerOf } from "../../session/viewer.ts";
import { repoPath } from "../../urls.ts";
import { formFields, Notice } from "../accounts/forms.tsx";
import { idOf, pageRepo } from "../page-repo.ts";

/** `/{ns}/{name}/settings`: a repository's visibility, for its admins (the policy decides, as for the API). */
export function registerRepoSettingsRoutes(app: Hono<AppEnv>): void {
  for (const [prefix, kind] of [["/datasets/:ns/:name", "dataset"], ["/:ns/:name", "model"]] as const) {
    app.get(`${prefix}/settings`, (c) => settingsPage(c, kind));
    app.post(`${prefix}/settings`, async (c) => {
      const repo = await pageRepo(c, kind);
      const form = await formFields(c, 20);
      await updateRepoSettings(c.var.hub, viewerOf(c), repo, { private: form.visibility === "private" });
      return c.redirect(`${repoPath(kind, idOf(repo))}/settings?saved=1`, 303);
    });
  }
}

async function settingsPage(c: Context<AppEnv>, kind: RepoKind): Promise<Response> {
  const repo = await pageRepo(c, kind);
  await c.var.hub.policy.assertAdmin(pageViewer(c), repo);
  const id = idOf(repo);
  const isPrivate = repo.private === 1;
  return renderPage(
    c,
    `Settings · ${id}`,
    <section>
      <p class="breadcrumbs">
        <a href={repoPath(kind, id)}>{id}</a> / settings
      </p>
      <h1>Settings</h1>
      <Notice message={c.req.query("saved") ? "Saved." : undefined} />
      <form method="post" action={`${repoPath(kind, id)}/settings`} class="stacked card">
        <CsrfField />
        <h2>Visibility</h2>
        <label class="check">
          <input type="radio" name="visibility" value="public" checked={!isPrivate} /> Public: anyone can read it
        </label>
        <label class="check">
          <input type="radio" name="visibility" value="private" checked={isPrivate} /> Private: only you and the members of its organisation
        </label>
        <button type="submit">Save</button>
      </form>
    </section>,
  );
}
