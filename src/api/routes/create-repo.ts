import type { Hono } from "hono";
import { assertCommitPath, decodeFileContent, tooManyOperations } from "../../hub/commits/commit-rules.ts";
import type { CommitOperation } from "../../hub/commits/commit-request.ts";
import { createRepo } from "../../hub/create-repo.ts";
import { HubError, badRequest, conflict, unauthorized } from "../../hub/errors.ts";
import type { Repo } from "../../hub/repos.ts";
import type { AppEnv } from "../env.ts";
import { readJsonBody } from "../json-body.ts";
import { presentRepoCreated } from "../presenters/repo-created.ts";
import { repoUrl } from "../presenters/urls.ts";
import { repoKindOfType } from "../repo-type.ts";
import { baseUrl } from "../respond.ts";
import { createRepoBodySchema } from "../schemas/repo-writes.ts";

/** `POST /api/repos/create` (§2.2). */
export function registerCreateRepo(app: Hono<AppEnv>): void {
  app.post("/api/repos/create", async (c) => {
    const { hub, actor } = c.var;
    if (!actor.user) throw unauthorized("sign in to create a repository");
    const body = await readJsonBody(c, createRepoBodySchema);
    const kind = repoKindOfType(body.type);
    if (body.visibility === "protected") throw badRequest("BadRequest", "only Spaces can be protected; use public or private");
    const namespace = body.organization ?? actor.user.name;
    const isPrivate = body.visibility ? body.visibility === "private" : body.private === true;

    // Checked before the repository exists, so a bad file leaves nothing behind.
    const files = body.files ?? [];
    if (files.length > hub.config.limits.maxFilesPerCommit) throw tooManyOperations(hub.config.limits);
    const operations: CommitOperation[] = files.map((file) => {
      const path = assertCommitPath(file.path);
      return { op: "write", path, content: decodeFileContent(path, file.content, file.encoding ?? "utf-8", hub.config.limits) };
    });

    try {
      const repo = await createRepo(hub, actor, { kind, namespace, name: body.name, private: isPrivate }, operations);
      return c.json(presentRepoCreated(baseUrl(c), repo));
    } catch (error) {
      // Python's create_repo(exist_ok=True) reads `url` from the 409 body.
      if (error instanceof HubError && error.code === "RepoExists") {
        const existing = error.extra.repo as Repo;
        throw conflict("RepoExists", error.message, { body: { url: repoUrl(baseUrl(c), existing) } });
      }
      throw error;
    }
  });
}
