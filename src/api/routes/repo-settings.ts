import type { Hono } from "hono";
import { badRequest } from "../../hub/errors.ts";
import { updateRepoSettings } from "../../hub/repo-settings.ts";
import type { AppEnv } from "../env.ts";
import { readJsonBody } from "../json-body.ts";
import { readableRepo } from "../repo-params.ts";
import { repoSettingsBodySchema } from "../schemas/repo-writes.ts";

/** `PUT /api/{T}/{id}/settings` (Python `update_repo_settings`): visibility, as `private` or `visibility`. */
export function registerRepoSettings(app: Hono<AppEnv>): void {
  app.put("/api/:kind/:ns/:name/settings", async (c) => {
    const repo = await readableRepo(c);
    const body = await readJsonBody(c, repoSettingsBodySchema);
    if (body.visibility === "protected") throw badRequest("BadRequest", "only Spaces can be protected; use public or private");
    if (body.private != null && body.visibility != null) throw badRequest("BadRequest", "send either private or visibility, not both");
    const isPrivate = body.visibility != null ? body.visibility === "private" : (body.private ?? undefined);
    if (isPrivate === undefined && body.gated == null) throw badRequest("BadRequest", "nothing to update: send private, visibility or gated");
    const settings = await updateRepoSettings(c.var.hub, c.var.actor, repo, { private: isPrivate, gated: body.gated ?? undefined });
    return c.json({ private: settings.private, gated: false });
  });
}
