import type { Context, Hono } from "hono";
import { z } from "zod";
import { badRequest } from "../../hub/errors.ts";
import { leaderboard } from "../../hub/results/leaderboard.ts";
import { modelResults } from "../../hub/results/model-results.ts";
import { viewerOf } from "../../hub/results/viewer.ts";
import { leaderboardTrust } from "../../hub/trust/board-trust.ts";
import { conflictIndex, conflictsOf } from "../../hub/trust/conflict-service.ts";
import type { Repo } from "../../hub/repos.ts";
import type { AppEnv } from "../env.ts";
import { readJsonBody } from "../json-body.ts";
import { presentModelResult } from "../presenters/eval-result.ts";
import { presentLeaderboardEntry } from "../presenters/leaderboard-entry.ts";
import { presentRowTrust } from "../presenters/trust.ts";
import { isTrue, queryInt } from "../query.ts";
import { baseUrl, setNextLink } from "../respond.ts";
import { setupFilters } from "../setup-params.ts";
import { datasetScope, modelScope } from "../../hub/results/read-changes.ts";

/** HF's max-parameter buckets for the embed and the leaderboard filter. */
export const PARAM_BUCKETS: Record<string, number> = { "1B": 1e9, "3B": 3e9, "6B": 6e9, "12B": 12e9, "32B": 32e9, "128B": 128e9, "500B": 500e9 };

export const entryKey = z.object({
  ref: z.string().regex(/^refs\/(heads\/main|pr\/[1-9][0-9]*)$/, "ref must be refs/heads/main or refs/pr/N"),
  filename: z.string().min(1).max(1024),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, "contentHash must be 64 hex digits"),
  reason: z.string().max(2000),
});

const dataset = (c: Context<AppEnv>) => c.var.hub.repos.readable(c.var.actor, { kind: "dataset", namespace: c.req.param("ns") ?? "", name: c.req.param("name") ?? "" });
const model = (c: Context<AppEnv>) => c.var.hub.repos.readable(c.var.actor, { kind: "model", namespace: c.req.param("ns") ?? "", name: c.req.param("name") ?? "" });

export const benchmarkFlagBody = z.object({ official: z.boolean() });

export function registerResultsApi(app: Hono<AppEnv>): void {
  app.get("/api/datasets/:ns/:name/leaderboard", (c) => c.var.readCache.serve(c, async () => {
    const repo = await dataset(c);
    const limit = queryInt(c, "limit", { fallback: 1000, min: 1, max: 1000 });
    const offset = queryInt(c, "offset", { fallback: 0, min: 0, max: 10_000_000 });
    const request = {
      datasetRepo: repo,
      taskId: c.req.query("task_id") || undefined,
      includeCommunity: flag(c, "include_community", true),
      verifiedOnly: flag(c, "verified_only", false),
      baseModelOnly: flag(c, "base_model", flag(c, "base_model_only", true)),
      maxParams: maxParams(c.req.query("max_params")),
      asOf: asOf(c.req.query("as_of")),
      limit,
      offset,
      viewer: viewerOf(c.var.actor),
      setup: setupFilters(c),
    };
    const board = await leaderboard(c.var.hub.db, request);
    const ownerIds = [...new Set(board.rows.map((row) => row.owner_id))];
    // Independent reads, together: on PostgreSQL each is a round trip of its own.
    const [trust, ownerList] = await Promise.all([leaderboardTrust(c.var.hub.db, request, board), Promise.all(ownerIds.map((id) => c.var.hub.accounts.byId(id)))]);
    const owners = new Map(ownerIds.map((id, i) => [id, ownerList[i]]));
    c.header("X-Total-Count", String(board.total));
    if (offset + board.rows.length < board.total) setNextLink(c, { offset: String(offset + limit) });
    const hubBase = baseUrl(c);
    return c.json(board.rows.map((row, i) => ({
      ...presentLeaderboardEntry(row, { owner: owners.get(row.owner_id), taskId: board.taskId, lowerIsBetter: board.lowerIsBetter, hubBase }),
      ...presentRowTrust(trust[i]!),
    })));
  }, datasetScope(`${c.req.param("ns")}/${c.req.param("name")}`)));

  app.get("/api/datasets/:ns/:name/benchmark", async (c) => {
    const repo = await dataset(c);
    const b = await c.var.hub.benchmarks.status(repo);
    return c.json({
      id: `${repo.namespace}/${repo.name}`,
      official: b.official,
      valid: b.valid,
      commit: b.mainCommit,
      problems: b.problems,
      definition: b.definition,
      definitionCommit: b.definitionCommit,
    });
  });

  app.put("/api/datasets/:ns/:name/benchmark", async (c) => {
    const repo = await dataset(c);
    const body = await readJsonBody(c, benchmarkFlagBody);
    await c.var.hub.benchmarks.setOfficial(c.var.actor, repo, body.official);
    return c.json({ id: `${repo.namespace}/${repo.name}`, official: body.official });
  });

  app.get("/api/models/:ns/:name/eval-results", (c) => c.var.readCache.serve(c, async () => {
    const repo = await model(c);
    const includeHidden = (await c.var.hub.policy.repoAccess(c.var.actor, repo)) !== "read";
    const results = await modelResults(c.var.hub.db, repo.id, { includeHidden, withHistory: true });
    const conflicts = conflictIndex(await conflictsOf(c.var.hub.db, { viewer: viewerOf(c.var.actor), repoId: repo.id }));
    return c.json(results.map((r) => presentModelResult(r, baseUrl(c), r.hidden ? [] : conflicts.get(`${repo.id}|${r.row.content_hash}`))));
  }, modelScope(c.req.param("ns"), c.req.param("name"))));

  app.post("/api/models/:ns/:name/eval-results/hide", (c) => moderate(c, "hide"));
  app.post("/api/models/:ns/:name/eval-results/unhide", (c) => moderate(c, "unhide"));
  app.get("/api/models/:ns/:name/moderation", async (c) => c.json(await c.var.hub.moderation.ledger({ viewer: viewerOf(c.var.actor), repoId: (await model(c)).id })));
  app.get("/api/datasets/:ns/:name/moderation", async (c) => {
    const repo = await dataset(c);
    return c.json(await c.var.hub.moderation.ledger({ viewer: viewerOf(c.var.actor), datasetKey: `${repo.namespace}/${repo.name}`.toLowerCase() }));
  });
}

async function moderate(c: Context<AppEnv>, action: "hide" | "unhide"): Promise<Response> {
  const repo: Repo = await model(c);
  const body = await readJsonBody(c, entryKey);
  const key = { ref: body.ref, filePath: body.filename, contentHash: body.contentHash };
  const record = action === "hide" ? await c.var.hub.moderation.hide(c.var.actor, repo, key, body.reason) : await c.var.hub.moderation.unhide(c.var.actor, repo, key, body.reason);
  return c.json(record);
}

export function flag(c: Context<AppEnv>, name: string, fallback: boolean): boolean {
  const raw = c.req.query(name);
  return raw === undefined || raw === "" ? fallback : isTrue(raw);
}

export function maxParams(raw: string | undefined): number | null {
  if (raw === undefined || raw === "") return null;
  const bucket = PARAM_BUCKETS[raw.toUpperCase()];
  if (bucket !== undefined) return bucket;
  if (/^[0-9]{1,15}$/.test(raw)) return Number(raw);
  throw badRequest("BadRequest", `max_params must be a parameter count or one of ${Object.keys(PARAM_BUCKETS).join(", ")}`);
}

export function asOf(raw: string | undefined): string | null {
  if (raw === undefined || raw === "") return null;
  const time = Date.parse(raw);
  if (Number.isNaN(time)) throw badRequest("BadRequest", `as_of must be an ISO 8601 date or time, got "${raw.slice(0, 40)}"`);
  return new Date(time).toISOString();
}
