import type { Context, Hono } from "hono";
import type { AppEnv } from "../../../api/env.ts";
import { badRequest } from "../../../hub/errors.ts";
import { formFields } from "../accounts/forms.tsx";
import { pageRepo } from "../page-repo.ts";
import { viewerOf } from "../../session/viewer.ts";
import { modelPath } from "../../urls.ts";
import { parseEntryField } from "./entry-field.ts";

/**
 * Hiding and unhiding a result from the model page: the form posts here, the moderation service asks the policy
 * (repository writers) and writes the public ledger, and the browser goes back to the model page.
 */
export function registerModerationRoutes(app: Hono<AppEnv>): void {
  app.post("/:ns/:name/results/hide", (c) => moderate(c, "hide"));
  app.post("/:ns/:name/results/unhide", (c) => moderate(c, "unhide"));
}

async function moderate(c: Context<AppEnv>, action: "hide" | "unhide"): Promise<Response> {
  const repo = await pageRepo(c, "model");
  const form = await formFields(c, 2000);
  const key = parseEntryField(form.entry ?? "");
  if (!key) throw badRequest("BadRequest", "the form names no result entry");
  const actor = viewerOf(c);
  if (action === "hide") await c.var.hub.moderation.hide(actor, repo, key, form.reason ?? "");
  else await c.var.hub.moderation.unhide(actor, repo, key, form.reason ?? "");
  return c.redirect(`${modelPath(`${repo.namespace}/${repo.name}`)}?moderated=${action}#results`, 303);
}
