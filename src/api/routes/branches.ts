import type { Hono } from "hono";
import { createBranch } from "../../hub/refs/create-branch.ts";
import { deleteBranch } from "../../hub/refs/delete-branch.ts";
import type { AppEnv } from "../env.ts";
import { readJsonBody } from "../json-body.ts";
import { rawPathAfter } from "../raw-path.ts";
import { readableRepo } from "../repo-params.ts";
import { decodeRest } from "../revision-path.ts";
import { createBranchBodySchema } from "../schemas/repo-writes.ts";

/** `POST` and `DELETE /api/{T}/{id}/branch/{enc(branch)}` (§2.13): writers only. */
export function registerBranches(app: Hono<AppEnv>): void {
  app.post("/api/:kind/:ns/:name/branch/*", async (c) => {
    const repo = await readableRepo(c);
    const body = await readJsonBody(c, createBranchBodySchema, { emptyAs: {} });
    await createBranch(c.var.hub, c.var.actor, repo, decodeRest(rawPathAfter(c, 5)), {
      startingPoint: body.startingPoint ?? undefined,
      empty: body.emptyBranch ?? false,
      overwrite: body.overwrite ?? false,
    });
    return c.json({});
  });

  app.delete("/api/:kind/:ns/:name/branch/*", async (c) => {
    const repo = await readableRepo(c);
    await deleteBranch(c.var.hub, c.var.actor, repo, decodeRest(rawPathAfter(c, 5)));
    return c.json({});
  });
}
