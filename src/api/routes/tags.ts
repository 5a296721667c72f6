import type { Hono } from "hono";
import { createTag } from "../../hub/refs/create-tag.ts";
import { deleteTag } from "../../hub/refs/delete-tag.ts";
import type { AppEnv } from "../env.ts";
import { readJsonBody } from "../json-body.ts";
import { rawPathAfter } from "../raw-path.ts";
import { readableRepo } from "../repo-params.ts";
import { decodeRest } from "../revision-path.ts";
import { createTagBodySchema } from "../schemas/repo-writes.ts";

/** `POST …/tag/{enc(rev)}` `{tag, message?}` and `DELETE …/tag/{enc(tag)}` (§2.13): writers only. */
export function registerTags(app: Hono<AppEnv>): void {
  app.post("/api/:kind/:ns/:name/tag/*", async (c) => {
    const repo = await readableRepo(c);
    const body = await readJsonBody(c, createTagBodySchema);
    await createTag(c.var.hub, c.var.actor, repo, decodeRest(rawPathAfter(c, 5)), body.tag);
    return c.json({});
  });

  app.delete("/api/:kind/:ns/:name/tag/*", async (c) => {
    const repo = await readableRepo(c);
    await deleteTag(c.var.hub, c.var.actor, repo, decodeRest(rawPathAfter(c, 5)));
    return c.json({});
  });
}
