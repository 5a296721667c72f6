import { expect } from "vitest";
import type { RepoKind } from "../../../src/db/schema.ts";
import type { Case, Probe, Probes } from "./probe.ts";
import { benchOf, modelOf, reads, webPath, workOf } from "./probe-helpers.ts";

const repoOf = (c: Case, kind: RepoKind) => (kind === "model" ? modelOf(c) : benchOf(c));
/** Pull requests of models are opened, merged and closed on the model that is written to. */
const discussedOf = (c: Case, kind: RepoKind) => (kind === "model" ? workOf(c) : benchOf(c));
const prefixOf = (kind: RepoKind) => (kind === "dataset" ? "/datasets/:ns/:name" : "/:ns/:name");

/** A page of the repository at `path` after its address. */
const repoPage = (kind: RepoKind, path: string) => reads("page", (c) => `${webPath(repoOf(c, kind))}${path}`);

/** The commit page needs a commit: main's head, read from disk. */
function commitPage(kind: RepoKind): Probe {
  return {
    edge: "page",
    prepare: async (c) => {
      const repo = repoOf(c, kind);
      const head = await c.world.head(kind, repo.id, "refs/heads/main");
      return { send: () => c.agent.page(`${webPath(repo)}/commit/${head}`) };
    },
  };
}

const discussionState = (c: Case, kind: RepoKind, num: number) => async () => ({ refs: await c.world.refs(kind, discussedOf(c, kind).id), discussion: await c.world.details(kind, discussedOf(c, kind).id, num) });

/**
 * A form of the discussion page: comments go to the shared discussion; merges and status changes go to a fresh pull
 * request of `author` when allowed, else to a shared one.
 */
function pullRequestForm(kind: RepoKind, action: "comment" | "merge" | "close" | "reopen"): Probe {
  return {
    edge: "form",
    serial: action === "merge",
    prepare: async (c) => {
      const repo = discussedOf(c, kind);
      const fresh = c.allowed && action !== "comment";
      const shared = { comment: repo.discussion, merge: repo.sharedPr, close: repo.sharedPr, reopen: repo.closedPr }[action];
      const num = fresh ? await c.world.freshPullRequest(kind, repo.id, { commit: action === "merge", closed: action === "reopen" }) : shared;
      const text = c.world.unique("from the page");
      const path = `${webPath(repo)}/discussions/${num}/${action === "close" || action === "reopen" ? "status" : action}`;
      const fields: Record<string, string> = action === "comment" ? { comment: text } : action === "merge" ? {} : { status: action === "close" ? "closed" : "open" };
      return {
        send: () => c.agent.form(path, fields),
        effect: async () => {
          if (action === "comment") expect((await c.world.details(kind, repo.id, num)).events.some((e) => e.data.latest?.raw === text)).toBe(true);
          else expect((await c.world.listed(kind, repo.id, num))?.status).toBe({ merge: "merged", close: "closed", reopen: "open" }[action]);
        },
        state: discussionState(c, kind, num),
        stateKey: `${repo.id}#${num}`,
      };
    },
  };
}

/** Hide or unhide from the model page: allowed cases take an entry of their own, refused ones aim at the shared one. */
function moderationForm(action: "hide" | "unhide"): Probe {
  const pool = action === "hide" ? "shown" : "hidden";
  return {
    edge: "form",
    prepare: async (c) => {
      const model = modelOf(c);
      const entry = c.allowed ? c.world.takeEntry(c.visibility, pool) : model[pool][0]!;
      return {
        send: () => c.agent.form(`/${model.id}/results/${action}`, { entry: `${entry.ref}:${entry.contentHash}:${entry.filename}`, reason: "from the page" }),
        effect: async () => expect((await c.world.entriesOf(model.id)).find((e) => e.contentHash === entry.contentHash)?.hidden).toBe(action === "hide"),
        state: () => c.world.entriesOf(model.id),
        stateKey: model.id,
      };
    },
  };
}

/** The visibility form: allowed cases turn a fresh repository to the other visibility, refused ones try it on the shared one. */
function settingsForm(kind: RepoKind): Probe {
  return {
    edge: "form",
    prepare: async (c) => {
      const id = c.allowed ? await c.world.freshRepo(kind, c.visibility) : repoOf(c, kind).id;
      const wanted = c.visibility === "public";
      return {
        send: () => c.agent.form(`${kind === "dataset" ? "/datasets/" : "/"}${id}/settings`, { visibility: wanted ? "private" : "public" }),
        effect: async () => expect(await c.world.isPrivate(kind, id)).toBe(wanted),
        state: () => c.world.isPrivate(kind, id),
        stateKey: id,
      };
    },
  };
}

function repoPages(kind: RepoKind): Probes {
  const p = prefixOf(kind);
  return {
    [`GET ${p}`]: repoPage(kind, ""),
    [`GET ${p}/tree`]: repoPage(kind, "/tree"),
    [`GET ${p}/tree/*`]: repoPage(kind, "/tree/main"),
    [`GET ${p}/blob/*`]: repoPage(kind, "/blob/main/README.md"),
    [`GET ${p}/commits`]: repoPage(kind, "/commits"),
    [`GET ${p}/commits/*`]: repoPage(kind, "/commits/main"),
    [`GET ${p}/commit/:sha`]: commitPage(kind),
    [`GET ${p}/discussions`]: reads("page", (c) => `${webPath(discussedOf(c, kind))}/discussions`),
    [`GET ${p}/discussions/:num`]: reads("page", (c) => `${webPath(discussedOf(c, kind))}/discussions/${discussedOf(c, kind).sharedPr}`),
    [`POST ${p}/discussions/:num/comment`]: pullRequestForm(kind, "comment"),
    [`POST ${p}/discussions/:num/merge`]: pullRequestForm(kind, "merge"),
    [`POST ${p}/discussions/:num/status (close)`]: pullRequestForm(kind, "close"),
    [`POST ${p}/discussions/:num/status (reopen)`]: pullRequestForm(kind, "reopen"),
    [`GET ${p}/settings`]: repoPage(kind, "/settings"),
    [`POST ${p}/settings`]: settingsForm(kind),
  };
}

/** The web pages of repositories and everything on them, for models and datasets alike. */
export const WEB_REPO_PROBES: Probes = {
  ...repoPages("model"),
  ...repoPages("dataset"),
  "GET /datasets/:ns/:name/leaderboard.csv": repoPage("dataset", "/leaderboard.csv"),
  "GET /datasets/:ns/:name/embed/leaderboard": repoPage("dataset", "/embed/leaderboard"),
  "POST /:ns/:name/results/hide": moderationForm("hide"),
  "POST /:ns/:name/results/unhide": moderationForm("unhide"),
  "GET /": reads("page", () => "/"),
  "GET /search": reads("page", () => "/search?q=lab"),
  "GET /static/:file": reads("page", () => "/static/evalhub.css"),
};
