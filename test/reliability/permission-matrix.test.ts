import { beforeAll, expect, it } from "vitest";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { CALLERS, type Caller } from "../support/permission-matrix/callers.ts";
import type { Edge, Outcome, Probes, Visibility } from "../support/permission-matrix/probe.ts";
import { API_PROBES } from "../support/permission-matrix/probes-api.ts";
import { DISCUSSION_PROBES } from "../support/permission-matrix/probes-discussions.ts";
import { GIT_PROBES } from "../support/permission-matrix/probes-git.ts";
import { WEB_ACCOUNT_PROBES } from "../support/permission-matrix/probes-web-accounts.ts";
import { PERSONAL_PROBES } from "../support/permission-matrix/probes-personal.ts";
import { WEB_REPO_PROBES } from "../support/permission-matrix/probes-web-repos.ts";
import { routeOf, serverRoutes } from "../support/permission-matrix/route-table.ts";
import { runCases, type PlannedCase } from "../support/permission-matrix/run-cases.ts";
import { checkPrivateAggregates } from "../support/permission-matrix/private-aggregates.ts";
import { World } from "../support/permission-matrix/world.ts";

// Every route of the server × every kind of caller × a public and a private repository, each case checked against
// this file's own model of the rules: an allowed request must really succeed, a refused one must answer exactly the
// expected status and change nothing. How each caller sends a request on each edge (Bearer, Basic for git, a web
// session with its CSRF token) is `Agent` in support/permission-matrix/callers.ts; what each case sends and checks
// is its probe in support/permission-matrix/probes-*.ts.

// ── The model ────────────────────────────────────────────────────────────────────────────────────────────────────

type Access = "none" | "read" | "write" | "admin";
const RANK: Record<Access, number> = { none: 0, read: 1, write: 2, admin: 3 };

type Standing = Record<Caller, { public: Access; private: Access; signedIn?: true; readOnly?: true; prAuthor?: true; webhookOwner?: true; siteAdmin?: true }>;

/** Each caller's access to the organisation's repositories, and what else the rules look at. */
const STANDING: Standing = {
  anonymous: { public: "read", private: "none" },
  readToken: { public: "read", private: "read", signedIn: true, readOnly: true, webhookOwner: true }, // the writer's read-only token
  stranger:  { public: "read", private: "none", signedIn: true },
  author:    { public: "read", private: "read", signedIn: true, prAuthor: true }, // a read member who opened the pull requests
  writer:    { public: "write", private: "write", signedIn: true, webhookOwner: true },
  orgAdmin:  { public: "admin", private: "admin", signedIn: true },
  siteAdmin: { public: "admin", private: "admin", signedIn: true, siteAdmin: true },
};

/** The same callers before repositories of writer's own namespace: writer owns them, the organisation is no one there. */
const STANDING_IN_WRITERS_NAMESPACE: Standing = {
  ...STANDING,
  author:   { ...STANDING.author, private: "none" },
  writer:   { ...STANDING.writer, public: "admin", private: "admin" },
  orgAdmin: { ...STANDING.orgAdmin, public: "read", private: "none" },
};

/**
 * What a route needs:
 * - `public`: nothing; `signed-in`: a user; `read`: read access;
 * - `participate`: a user who can read, with a token that may write (open discussions and pull requests, comment,
 *   edit one's own comment);
 * - `author-or-writer`: the pull request's author or a writer (close, reopen, rename, commit to it, push to it);
 * - `write` / `admin`: that access to the repository (or, for organisation routes, that role in the organisation);
 * - `site-admin`: the hub's admins;
 * - `owner` / `owner-write`: a webhook's owner and site admins; others are told it does not exist. Removing is a write.
 */
type Rule = "public" | "signed-in" | "read" | "participate" | "author-or-writer" | "write" | "admin" | "site-admin" | "owner" | "owner-write";

/**
 * - `repo`: the route is about one repository; whoever may not read it gets a 404, whatever else the rule says;
 * - `named`: the route names a repository but the rule is decided without reading it (creating one, the official
 *   flag, a webhook's own owner); it still runs once per visibility of that repository;
 * - `site`: no repository (the visibility does not apply, so it runs once).
 */
type Scope = "repo" | "named" | "site";

type Row = [route: string, rule: Rule, scope: Scope];

function expectedOutcome(rule: Rule, scope: Scope, edge: Edge, caller: Caller, visibility: Visibility, standing = STANDING): Outcome {
  // Forms and account pages act for the session alone: a read token (no session) is nobody there.
  const who = standing[(edge === "form" || edge === "account") && caller === "readToken" ? "anonymous" : caller];
  const access = who[scope === "site" ? "public" : visibility];
  // git challenges anonymous callers instead (it sends credentials only after a 401); signed-in strangers get the 404.
  if (scope === "repo" && access === "none") return edge === "git" && !who.signedIn ? 401 : 404;
  // Refused: nobody signed in is asked to sign in (a 401, or the sign-in page); anyone else gets `refusal`.
  const unauthenticated: Outcome = edge === "account" ? "login" : 401;
  const needs = (allowed: boolean | undefined, refusal: Outcome = 403): Outcome => (allowed ? "allow" : !who.signedIn ? unauthenticated : refusal);
  switch (rule) {
    case "public":
    case "read":
      return "allow";
    case "signed-in":
      return needs(who.signedIn);
    case "participate":
      return needs(who.signedIn && !who.readOnly);
    case "author-or-writer":
      return needs(!who.readOnly && (who.prAuthor || RANK[access] >= RANK.write));
    case "write":
    case "admin":
      return needs(RANK[access] >= RANK[rule]);
    case "site-admin":
      return needs(who.siteAdmin && !who.readOnly);
    case "owner":
      return needs(who.webhookOwner || who.siteAdmin, 404);
    case "owner-write":
      return needs((who.webhookOwner || who.siteAdmin) && !who.readOnly, who.webhookOwner ? 403 : 404);
  }
}

// ── The matrix: every route (and, where a route does several things, each of them) ─────────────────────────────────

const MATRIX: Row[] = [
  // The hub itself
  ["GET /healthz",                                                                   "public",           "site"],
  ["GET /api/openapi.json",                                                          "public",           "site"],
  ["GET /api/docs",                                                                  "public",           "site"],
  ["GET /.well-known/jwks.json",                                                     "public",           "site"],
  ["GET /api/whoami-v2",                                                             "signed-in",        "site"],
  ["POST /api/validate-yaml",                                                        "public",           "site"],
  ["GET /api/admin/issuers",                                                         "site-admin",       "site"],
  ["POST /api/admin/issuers",                                                        "site-admin",       "site"],
  ["DELETE /api/admin/issuers/:name",                                                "site-admin",       "site"],
  // Listing and search (what each caller sees is checked with the aggregates below)
  ["GET /api/models",                                                                "public",           "site"],
  ["GET /api/datasets",                                                              "public",           "site"],
  // Repositories: the HF read API and file downloads
  ["GET /api/:kind/:ns/:name",                                                       "read",             "repo"],
  ["GET /api/:kind/:ns/:name/revision/*",                                            "read",             "repo"],
  ["GET /api/:kind/:ns/:name/tree/*",                                                "read",             "repo"],
  ["POST /api/:kind/:ns/:name/paths-info/*",                                         "read",             "repo"],
  ["GET /api/:kind/:ns/:name/commits/*",                                             "read",             "repo"],
  ["GET /api/:kind/:ns/:name/refs",                                                  "read",             "repo"],
  ["GET /:ns/:name/resolve/*",                                                       "read",             "repo"],
  ["GET /:ns/:name/raw/*",                                                           "read",             "repo"],
  ["GET /datasets/:ns/:name/resolve/*",                                              "read",             "repo"],
  ["GET /datasets/:ns/:name/raw/*",                                                  "read",             "repo"],
  // Repositories: the HF write API
  ["POST /api/repos/create",                                                         "write",            "named"],
  ["DELETE /api/repos/delete",                                                       "admin",            "repo"],
  ["PUT /api/:kind/:ns/:name/settings",                                              "admin",            "repo"],
  ["POST /api/:kind/:ns/:name/preupload/* (to main)",                                "write",            "repo"],
  ["POST /api/:kind/:ns/:name/preupload/* (create_pr=1)",                            "participate",      "repo"],
  ["POST /api/:kind/:ns/:name/commit/* (to main)",                                   "write",            "repo"],
  ["POST /api/:kind/:ns/:name/commit/* (create_pr=1)",                               "participate",      "repo"],
  ["POST /api/:kind/:ns/:name/commit/* (to refs/pr/N)",                              "author-or-writer", "repo"],
  ["POST /api/:kind/:ns/:name/branch/*",                                             "write",            "repo"],
  ["DELETE /api/:kind/:ns/:name/branch/*",                                           "write",            "repo"],
  ["POST /api/:kind/:ns/:name/tag/*",                                                "write",            "repo"],
  ["DELETE /api/:kind/:ns/:name/tag/*",                                              "write",            "repo"],
  // Discussions and pull requests
  ["GET /api/:kind/:ns/:name/discussions",                                           "read",             "repo"],
  ["GET /api/:kind/:ns/:name/discussions/:num",                                      "read",             "repo"],
  ["POST /api/:kind/:ns/:name/discussions (a discussion)",                           "participate",      "repo"],
  ["POST /api/:kind/:ns/:name/discussions (a pull request)",                         "participate",      "repo"],
  ["POST /api/:kind/:ns/:name/discussions/:num/comment",                             "participate",      "repo"],
  ["POST /api/:kind/:ns/:name/discussions/:num/comment/:commentId/edit (own comment)", "participate",    "repo"],
  ["POST /api/:kind/:ns/:name/discussions/:num/comment/:commentId/edit (someone else's comment)", "site-admin", "repo"],
  ["POST /api/:kind/:ns/:name/discussions/:num/comment/:commentId/hide",             "write",            "repo"],
  ["POST /api/:kind/:ns/:name/discussions/:num/status (close)",                      "author-or-writer", "repo"],
  ["POST /api/:kind/:ns/:name/discussions/:num/status (reopen)",                     "author-or-writer", "repo"],
  ["POST /api/:kind/:ns/:name/discussions/:num/title",                               "author-or-writer", "repo"],
  ["POST /api/:kind/:ns/:name/discussions/:num/merge",                               "write",            "repo"],
  // Results, moderation, trust
  ["GET /api/datasets/:ns/:name/leaderboard",                                        "read",             "repo"],
  ["GET /api/datasets/:ns/:name/benchmark",                                          "read",             "repo"],
  ["PUT /api/datasets/:ns/:name/benchmark",                                          "site-admin",       "repo"],
  ["GET /api/datasets/:ns/:name/moderation",                                         "read",             "repo"],
  ["GET /api/datasets/:ns/:name/conflicts",                                          "read",             "repo"],
  ["GET /api/models/:ns/:name/eval-results",                                         "read",             "repo"],
  ["POST /api/models/:ns/:name/eval-results/hide",                                   "write",            "repo"],
  ["POST /api/models/:ns/:name/eval-results/unhide",                                 "write",            "repo"],
  ["GET /api/models/:ns/:name/moderation",                                           "read",             "repo"],
  // Feeds and badges
  ["GET /api/datasets/:ns/:name/feed.atom",                                          "read",             "repo"],
  ["GET /datasets/:ns/:name/feed.atom",                                              "read",             "repo"],
  ["GET /api/models/:ns/:name/feed.atom",                                            "read",             "repo"],
  ["GET /api/badge/:mns/:mname/:dns/:dname",                                         "read",             "repo"],
  ["GET /api/badge/:mns/:mname/:dns/:dname/:task",                                   "read",             "repo"],
  // Webhooks: a subscription needs write access to its repository; then it is its owner's (writer's) alone
  ["POST /api/webhooks",                                                             "write",            "repo"],
  ["GET /api/webhooks",                                                              "signed-in",        "site"],
  ["GET /api/webhooks/:id",                                                          "owner",            "named"],
  ["GET /api/webhooks/:id/deliveries",                                               "owner",            "named"],
  ["DELETE /api/webhooks/:id",                                                       "owner-write",      "named"],
  ["GET /settings/webhooks",                                                         "signed-in",        "site"],
  ["GET /settings/webhooks/:id",                                                     "owner",            "named"],
  // git over smart HTTP
  ["GET /:ns/:name/info/refs (upload-pack)",                                         "read",             "repo"],
  ["GET /:ns/:name/info/refs (receive-pack)",                                        "signed-in",        "repo"],
  ["POST /:ns/:name/git-upload-pack",                                                "read",             "repo"],
  ["POST /:ns/:name/git-receive-pack (new branch)",                                  "write",            "repo"],
  ["POST /:ns/:name/git-receive-pack (to refs/pr/N)",                                "author-or-writer", "repo"],
  ["GET /datasets/:ns/:name/info/refs (upload-pack)",                                "read",             "repo"],
  ["GET /datasets/:ns/:name/info/refs (receive-pack)",                               "signed-in",        "repo"],
  ["POST /datasets/:ns/:name/git-upload-pack",                                       "read",             "repo"],
  ["POST /datasets/:ns/:name/git-receive-pack (new branch)",                         "write",            "repo"],
  // Web: home, search, static files
  ["GET /",                                                                          "public",           "site"],
  ["GET /search",                                                                    "public",           "site"],
  ["GET /static/:file",                                                              "public",           "site"],
  // Web: accounts (GET /settings and GET /admin only redirect to their first page)
  ["GET /join",                                                                      "public",           "site"],
  ["POST /join",                                                                     "public",           "site"],
  ["GET /login",                                                                     "public",           "site"],
  ["POST /login",                                                                    "public",           "site"],
  ["POST /logout",                                                                   "public",           "site"],
  ["GET /settings",                                                                  "public",           "site"],
  ["GET /settings/profile",                                                          "signed-in",        "site"],
  ["POST /settings/profile",                                                         "signed-in",        "site"],
  ["POST /settings/password",                                                        "signed-in",        "site"],
  ["GET /settings/tokens",                                                           "signed-in",        "site"],
  ["POST /settings/tokens",                                                          "signed-in",        "site"],
  ["POST /settings/tokens/:id/revoke",                                               "signed-in",        "site"],
  ["GET /settings/organizations",                                                    "signed-in",        "site"],
  ["GET /organizations/new",                                                         "signed-in",        "site"],
  ["POST /organizations/new",                                                        "signed-in",        "site"],
  ["GET /organizations/:org/members",                                                "public",           "site"],
  ["POST /organizations/:org/members",                                               "admin",            "site"],
  ["POST /organizations/:org/members/:user/role",                                    "admin",            "site"],
  ["POST /organizations/:org/members/:user/remove",                                  "admin",            "site"],
  // Web: site admin
  ["GET /admin",                                                                     "public",           "site"],
  ["GET /admin/benchmarks",                                                          "site-admin",       "site"],
  ["POST /admin/benchmarks/official",                                                "site-admin",       "named"],
  ["GET /admin/issuers",                                                             "site-admin",       "site"],
  ["POST /admin/issuers",                                                            "site-admin",       "site"],
  ["POST /admin/issuers/:name/remove",                                               "site-admin",       "site"],
  ["GET /admin/frameworks",                                                          "site-admin",       "site"],
  // Web: model pages
  ["GET /:ns/:name",                                                                 "read",             "repo"],
  ["GET /:ns/:name/tree",                                                            "read",             "repo"],
  ["GET /:ns/:name/tree/*",                                                          "read",             "repo"],
  ["GET /:ns/:name/blob/*",                                                          "read",             "repo"],
  ["GET /:ns/:name/commits",                                                         "read",             "repo"],
  ["GET /:ns/:name/commits/*",                                                       "read",             "repo"],
  ["GET /:ns/:name/commit/:sha",                                                     "read",             "repo"],
  ["GET /:ns/:name/discussions",                                                     "read",             "repo"],
  ["GET /:ns/:name/discussions/:num",                                                "read",             "repo"],
  ["POST /:ns/:name/discussions/:num/comment",                                       "participate",      "repo"],
  ["POST /:ns/:name/discussions/:num/merge",                                         "write",            "repo"],
  ["POST /:ns/:name/discussions/:num/status (close)",                                "author-or-writer", "repo"],
  ["POST /:ns/:name/discussions/:num/status (reopen)",                               "author-or-writer", "repo"],
  ["POST /:ns/:name/results/hide",                                                   "write",            "repo"],
  ["POST /:ns/:name/results/unhide",                                                 "write",            "repo"],
  ["GET /:ns/:name/settings",                                                        "admin",            "repo"],
  ["POST /:ns/:name/settings",                                                       "admin",            "repo"],
  // Web: dataset and benchmark pages
  ["GET /datasets/:ns/:name",                                                        "read",             "repo"],
  ["GET /datasets/:ns/:name/leaderboard.csv",                                        "read",             "repo"],
  ["GET /datasets/:ns/:name/embed/leaderboard",                                      "read",             "repo"],
  ["GET /datasets/:ns/:name/tree",                                                   "read",             "repo"],
  ["GET /datasets/:ns/:name/tree/*",                                                 "read",             "repo"],
  ["GET /datasets/:ns/:name/blob/*",                                                 "read",             "repo"],
  ["GET /datasets/:ns/:name/commits",                                                "read",             "repo"],
  ["GET /datasets/:ns/:name/commits/*",                                              "read",             "repo"],
  ["GET /datasets/:ns/:name/commit/:sha",                                            "read",             "repo"],
  ["GET /datasets/:ns/:name/discussions",                                            "read",             "repo"],
  ["GET /datasets/:ns/:name/discussions/:num",                                       "read",             "repo"],
  ["POST /datasets/:ns/:name/discussions/:num/comment",                              "participate",      "repo"],
  ["POST /datasets/:ns/:name/discussions/:num/merge",                                "write",            "repo"],
  ["POST /datasets/:ns/:name/discussions/:num/status (close)",                       "author-or-writer", "repo"],
  ["POST /datasets/:ns/:name/discussions/:num/status (reopen)",                      "author-or-writer", "repo"],
  ["GET /datasets/:ns/:name/settings",                                               "admin",            "repo"],
  ["POST /datasets/:ns/:name/settings",                                              "admin",            "repo"],
];

/** The writes again on models of writer's own namespace (outside the organisation), with STANDING_IN_WRITERS_NAMESPACE. */
const MATRIX_IN_WRITERS_NAMESPACE: Row[] = [
  ["POST /api/:kind/:ns/:name/commit/* (to main of one's own)",                      "write",            "repo"],
  ["POST /api/:kind/:ns/:name/branch/* (of one's own)",                              "write",            "repo"],
  ["POST /api/:kind/:ns/:name/tag/* (of one's own)",                                 "write",            "repo"],
  ["PUT /api/:kind/:ns/:name/settings (of one's own)",                               "admin",            "repo"],
  ["DELETE /api/repos/delete (of one's own)",                                        "admin",            "repo"],
];

const PROBES: Probes = { ...API_PROBES, ...DISCUSSION_PROBES, ...GIT_PROBES, ...WEB_ACCOUNT_PROBES, ...WEB_REPO_PROBES, ...PERSONAL_PROBES };
const ROUTES = [...new Set(MATRIX.map(([key]) => routeOf(key)))];

function casesOf(rows: Row[], standing = STANDING): PlannedCase[] {
  return rows.flatMap(([key, rule, scope]) => {
    const probe = PROBES[key];
    if (!probe) throw new Error(`no probe for ${key}`);
    const visibilities: Visibility[] = scope === "site" ? ["public"] : ["public", "private"];
    return visibilities.flatMap((visibility) =>
      CALLERS.map((caller) => ({
        row: key,
        label: `${key} ${caller}${scope === "site" ? "" : ` ${visibility}`}`,
        caller,
        visibility,
        probe,
        expected: expectedOutcome(rule, scope, probe.edge, caller, visibility, standing),
        ...(scope === "repo" && (probe.edge === "api" || probe.edge === "git") ? { notFoundCode: "RepoNotFound" } : {}),
      })),
    );
  });
}

describeEachDialectWithHub("permission matrix", (getHub) => {
  let world: World;
  beforeAll(async () => {
    world = await World.build(getHub());
  });

  it("has a row for every route of the server, and names no route it does not have", () => {
    const routes = serverRoutes(getHub().env);
    expect(routes.length).toBeGreaterThan(100);
    expect(routes.filter((r) => !ROUTES.includes(r)), "routes missing from the matrix").toEqual([]);
    expect(ROUTES.filter((r) => !routes.includes(r)), "rows with no route").toEqual([]);
    const rows = [...MATRIX, ...MATRIX_IN_WRITERS_NAMESPACE].map(([key]) => key);
    expect(rows.filter((key) => !PROBES[key]), "rows with no probe").toEqual([]);
    expect(Object.keys(PROBES).filter((key) => !rows.includes(key)), "probes with no row").toEqual([]);
  });

  it("shows private models and benchmarks in search, leaderboards, feeds, badges and exports only to those who may read them", async () => {
    expect(await checkPrivateAggregates(world, (caller) => STANDING[caller].private !== "none")).toEqual([]);
  });

  it.each(ROUTES)("%s", async (route) => {
    expect(await runCases(world, casesOf(MATRIX.filter(([key]) => routeOf(key) === route)))).toEqual([]);
  });

  it("applies the same rules to a user's own repositories, with the user as their admin", async () => {
    expect(await runCases(world, casesOf(MATRIX_IN_WRITERS_NAMESPACE, STANDING_IN_WRITERS_NAMESPACE))).toEqual([]);
  });

  it("refuses a token it does not know with a 401 before anything else", async () => {
    const res = await fetch(`${getHub().url}/api/models/lab/priv-model`, { headers: { authorization: "Bearer hf_notarealtokennotarealtoken" } });
    expect(res.status).toBe(401);
    expect(res.headers.get("x-error-code")).toBe("Unauthorized");
  });
});
