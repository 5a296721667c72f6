import type { Hono } from "hono";
import { unauthorized } from "../../hub/errors.ts";
import type { AppEnv } from "../env.ts";
import { readJsonBody } from "../json-body.ts";
import { repoKindOfType } from "../repo-type.ts";
import { deleteRepoBodySchema } from "../schemas/repo-writes.ts";

/** `DELETE /api/repos/delete` (§2.3): admins of the repository; 404 RepoNotFound when there is none. */
export function registerDeleteRepo(app: Hono<AppEnv>): void {
  app.delete("/api/repos/delete", async (c) => {
    const { hub, actor } = c.var;
    const body = await readJsonBody(c, deleteRepoBodySchema);
    const kind = repoKindOfType(body.type);
    const namespace = body.organization ?? actor.user?.name;
    if (namespace === undefined) throw unauthorized("sign in to delete a repository");
    await hub.repos.delete(actor, { kind, namespace, name: body.name });
    return c.json({});
  });
}
