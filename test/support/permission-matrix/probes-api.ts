import { expect } from "vitest";
import { fileLine, headerLine, ndjson } from "../write-api.ts";
import type { Agent } from "./callers.ts";
import type { Case, Probe, Probes } from "./probe.ts";
import { apiPath, benchOf, jsonOf, modelOf, reads, workOf } from "./probe-helpers.ts";
import { newPublicJwk } from "./world.ts";

const NDJSON = { "content-type": "application/x-ndjson" };

/** Moves `hidden` of one entry: allowed cases take an entry of their own, refused ones aim at the shared one. */
function moderation(action: "hide" | "unhide"): Probe {
  const pool = action === "hide" ? "shown" : "hidden";
  return {
    edge: "api",
    prepare: async (c) => {
      const model = modelOf(c);
      const entry = c.allowed ? c.world.takeEntry(c.visibility, pool) : model[pool][0]!;
      return {
        send: () => c.agent.api("POST", `${apiPath(model)}/eval-results/${action}`, { json: { ...entry, reason: "matrix" } }),
        effect: async () => expect((await c.world.entriesOf(model.id)).find((e) => e.contentHash === entry.contentHash)?.hidden).toBe(action === "hide"),
        state: () => c.world.entriesOf(model.id),
        stateKey: model.id,
      };
    },
  };
}

/** A commit of one new file to main, to a new pull request, or to the shared pull request (commits to one ref take turns). */
function commitTo(target: "main" | "new pull request" | "pull request"): Probe {
  return {
    edge: "api",
    serial: target !== "new pull request",
    prepare: async (c) => {
      const model = workOf(c);
      const num = model.sharedPr;
      const rev = target === "pull request" ? `refs/pr/${num}` : "main";
      const ref = target === "pull request" ? rev : "refs/heads/main";
      const query = target === "new pull request" ? "?create_pr=1" : "";
      const headOf = () => c.world.head("model", model.id, ref);
      const body = ndjson(headerLine("matrix"), fileLine(`${c.world.unique("file")}.txt`, "x"));
      let before: string | undefined;
      return {
        send: async () => {
          before = await headOf();
          const commit = () => c.agent.api("POST", `${apiPath(model)}/commit/${encodeURIComponent(rev)}${query}`, { body, headers: NDJSON });
          // A commit with create_pr=1 opens a discussion: those are opened in turn (see World.inTurn).
          return target === "new pull request" ? c.world.inTurn(model.id, commit) : commit();
        },
        effect: async (res) => {
          if (target === "new pull request") expect((await jsonOf<{ pullRequestUrl?: string }>(res)).pullRequestUrl).toMatch(/\/discussions\/\d+$/);
          else expect(await headOf()).not.toBe(before);
        },
        state: async () => ({ refs: await c.world.refs("model", model.id), discussions: await c.world.discussionCount("model", model.id) }),
        stateKey: model.id,
      };
    },
  };
}

function preupload(createPr: boolean): Probe {
  return {
    edge: "api",
    prepare: async (c) => ({
      send: () => c.agent.api("POST", `${apiPath(workOf(c))}/preupload/main${createPr ? "?create_pr=1" : ""}`, { json: { files: [{ path: "x.txt", size: 1, sample: "" }] } }),
      state: () => c.world.refs("model", workOf(c).id),
      stateKey: workOf(c).id,
    }),
  };
}

/** Creates or deletes a branch or tag. Deleting aims at a fresh one (made by the site admin) when allowed, else at `keep` or `v-keep`. */
function refChange(kind: "branch" | "tag", action: "create" | "delete"): Probe {
  const create = (agent: Agent, c: Case, name: string) =>
    kind === "branch" ? agent.api("POST", `${apiPath(workOf(c))}/branch/${name}`, { json: {} }) : agent.api("POST", `${apiPath(workOf(c))}/tag/main`, { json: { tag: name } });
  return {
    edge: "api",
    prepare: async (c) => {
      const model = workOf(c);
      let name = c.world.unique(kind);
      if (action === "delete" && c.allowed) expect((await create(c.world.admin, c, name)).status).toBe(200);
      if (action === "delete" && !c.allowed) name = kind === "branch" ? "keep" : "v-keep";
      const ref = kind === "branch" ? `refs/heads/${name}` : `refs/tags/${name}`;
      return {
        send: () => (action === "create" ? create(c.agent, c, name) : c.agent.api("DELETE", `${apiPath(model)}/${kind}/${name}`)),
        effect: async () => expect(await c.world.head("model", model.id, ref)).toEqual(action === "create" ? expect.any(String) : undefined),
        state: () => c.world.refs("model", model.id),
        stateKey: model.id,
      };
    },
  };
}

/** The API outside discussions and git: the hub itself, issuers, results, webhooks, feeds, the HF read and write API. */
export const API_PROBES: Probes = {
  "GET /healthz": reads("api", () => "/healthz"),
  "GET /api/whoami-v2": reads("api", () => "/api/whoami-v2"),
  "GET /.well-known/jwks.json": reads("api", () => "/.well-known/jwks.json"),
  "GET /api/openapi.json": reads("api", () => "/api/openapi.json"),
  "GET /api/docs": reads("api", () => "/api/docs"),
  "GET /api/models": reads("api", () => "/api/models?search=model"),
  "GET /api/datasets": reads("api", () => "/api/datasets?search=bench"),
  "POST /api/validate-yaml": {
    edge: "api",
    prepare: async (c) => ({ send: () => c.agent.api("POST", "/api/validate-yaml", { json: { content: "---\nlicense: mit\n---\n# card\n" } }) }),
  },

  "GET /api/admin/issuers": reads("api", () => "/api/admin/issuers"),
  "POST /api/admin/issuers": {
    edge: "api",
    prepare: async (c) => {
      const name = c.world.unique("issuer");
      return {
        send: () => c.agent.api("POST", "/api/admin/issuers", { json: { name, jwk: newPublicJwk() } }),
        effect: async () => expect(await c.world.issuerNames()).toContain(name),
        state: () => c.world.issuerNames(),
        stateKey: "issuers",
      };
    },
  },
  "DELETE /api/admin/issuers/:name": {
    edge: "api",
    prepare: async (c) => {
      const name = c.allowed ? await c.world.newIssuer() : c.world.issuer;
      return {
        send: () => c.agent.api("DELETE", `/api/admin/issuers/${name}`),
        effect: async () => expect(await c.world.issuerNames()).not.toContain(name),
        state: () => c.world.issuerNames(),
        stateKey: "issuers",
      };
    },
  },

  "GET /api/datasets/:ns/:name/leaderboard": reads("api", (c) => `${apiPath(benchOf(c))}/leaderboard`),
  "GET /api/datasets/:ns/:name/benchmark": reads("api", (c) => `${apiPath(benchOf(c))}/benchmark`),
  "PUT /api/datasets/:ns/:name/benchmark": {
    edge: "api",
    prepare: async (c) => {
      const { id } = benchOf(c);
      const wanted = !(await c.world.isOfficial(id));
      return {
        send: () => c.agent.api("PUT", `/api/datasets/${id}/benchmark`, { json: { official: wanted } }),
        effect: async () => expect(await c.world.isOfficial(id)).toBe(wanted),
        state: () => c.world.isOfficial(id),
        stateKey: id,
      };
    },
  },
  "GET /api/datasets/:ns/:name/moderation": reads("api", (c) => `${apiPath(benchOf(c))}/moderation`),
  "GET /api/datasets/:ns/:name/conflicts": reads("api", (c) => `${apiPath(benchOf(c))}/conflicts`),
  "GET /api/models/:ns/:name/eval-results": reads("api", (c) => `${apiPath(modelOf(c))}/eval-results`),
  "POST /api/models/:ns/:name/eval-results/hide": moderation("hide"),
  "POST /api/models/:ns/:name/eval-results/unhide": moderation("unhide"),
  "GET /api/models/:ns/:name/moderation": reads("api", (c) => `${apiPath(modelOf(c))}/moderation`),

  "POST /api/webhooks": {
    edge: "api",
    prepare: async (c) => ({
      send: () => c.agent.api("POST", "/api/webhooks", { json: { target: { kind: "repo", type: "model", id: modelOf(c).id }, url: "http://hooks.example.org/matrix", active: false } }),
      effect: async (res) => expect(await c.world.webhookIds()).toContain((await jsonOf<{ id: number }>(res)).id),
      state: () => c.world.webhookIds(),
      stateKey: "webhooks",
    }),
  },
  "GET /api/webhooks": reads("api", () => "/api/webhooks"),
  "GET /api/webhooks/:id": reads("api", (c) => `/api/webhooks/${modelOf(c).webhook}`),
  "GET /api/webhooks/:id/deliveries": reads("api", (c) => `/api/webhooks/${modelOf(c).webhook}/deliveries`),
  "DELETE /api/webhooks/:id": {
    edge: "api",
    prepare: async (c) => {
      const id = c.allowed ? await c.world.newWebhook(modelOf(c).id) : modelOf(c).webhook;
      return {
        send: () => c.agent.api("DELETE", `/api/webhooks/${id}`),
        effect: async () => expect(await c.world.webhookIds()).not.toContain(id),
        state: () => c.world.webhookIds(),
        stateKey: "webhooks",
      };
    },
  },

  "GET /api/datasets/:ns/:name/feed.atom": reads("api", (c) => `${apiPath(benchOf(c))}/feed.atom`),
  "GET /datasets/:ns/:name/feed.atom": reads("api", (c) => `/datasets/${benchOf(c).id}/feed.atom`),
  "GET /api/models/:ns/:name/feed.atom": reads("api", (c) => `${apiPath(modelOf(c))}/feed.atom`),
  "GET /api/badge/:mns/:mname/:dns/:dname": reads("api", (c) => `/api/badge/${modelOf(c).id}/${benchOf(c).id}`),
  "GET /api/badge/:mns/:mname/:dns/:dname/:task": reads("api", (c) => `/api/badge/${modelOf(c).id}/${benchOf(c).id}/easy`),

  "GET /api/:kind/:ns/:name": reads("api", (c) => apiPath(modelOf(c))),
  "GET /api/:kind/:ns/:name/revision/*": reads("api", (c) => `${apiPath(modelOf(c))}/revision/main`),
  "GET /api/:kind/:ns/:name/tree/*": reads("api", (c) => `${apiPath(modelOf(c))}/tree/main`),
  "GET /api/:kind/:ns/:name/commits/*": reads("api", (c) => `${apiPath(modelOf(c))}/commits/main`),
  "GET /api/:kind/:ns/:name/refs": reads("api", (c) => `${apiPath(modelOf(c))}/refs?include_prs=1`),
  "POST /api/:kind/:ns/:name/paths-info/*": {
    edge: "api",
    prepare: async (c) => ({ send: () => c.agent.api("POST", `${apiPath(modelOf(c))}/paths-info/main`, { json: { paths: ["README.md"] } }) }),
  },
  "GET /datasets/:ns/:name/resolve/*": reads("api", (c) => `/datasets/${benchOf(c).id}/resolve/main/README.md`),
  "GET /:ns/:name/resolve/*": reads("api", (c) => `/${modelOf(c).id}/resolve/main/README.md`),
  "GET /datasets/:ns/:name/raw/*": reads("api", (c) => `/datasets/${benchOf(c).id}/raw/main/eval.yaml`),
  "GET /:ns/:name/raw/*": reads("api", (c) => `/${modelOf(c).id}/raw/main/README.md`),

  "POST /api/repos/create": {
    edge: "api",
    prepare: async (c) => {
      const name = c.world.unique("created");
      return {
        send: () => c.agent.api("POST", "/api/repos/create", { json: { name, organization: "lab", type: "model", private: c.visibility === "private" } }),
        effect: async () => expect(await c.world.isPrivate("model", `lab/${name}`)).toBe(c.visibility === "private"),
        state: () => c.world.isPrivate("model", `lab/${name}`),
      };
    },
  },
  "DELETE /api/repos/delete": {
    edge: "api",
    prepare: async (c) => {
      const id = c.allowed ? await c.world.freshRepo("model", c.visibility) : modelOf(c).id;
      const [organization, name] = id.split("/");
      return {
        send: () => c.agent.api("DELETE", "/api/repos/delete", { json: { name, organization, type: "model" } }),
        effect: async () => expect(await c.world.refs("model", id)).toEqual({ exists: false, refs: null }),
        state: async () => ({ refs: await c.world.refs("model", id), private: await c.world.isPrivate("model", id) }),
      };
    },
  },
  "PUT /api/:kind/:ns/:name/settings": {
    edge: "api",
    prepare: async (c) => {
      const id = c.allowed ? await c.world.freshRepo("model", c.visibility) : modelOf(c).id;
      const wanted = c.visibility === "public";
      return {
        send: () => c.agent.api("PUT", `/api/models/${id}/settings`, { json: { private: wanted } }),
        effect: async () => expect(await c.world.isPrivate("model", id)).toBe(wanted),
        state: () => c.world.isPrivate("model", id),
      };
    },
  },
  "POST /api/:kind/:ns/:name/preupload/* (to main)": preupload(false),
  "POST /api/:kind/:ns/:name/preupload/* (create_pr=1)": preupload(true),
  "POST /api/:kind/:ns/:name/commit/* (to main)": commitTo("main"),
  "POST /api/:kind/:ns/:name/commit/* (create_pr=1)": commitTo("new pull request"),
  "POST /api/:kind/:ns/:name/commit/* (to refs/pr/N)": commitTo("pull request"),
  "POST /api/:kind/:ns/:name/branch/*": refChange("branch", "create"),
  "DELETE /api/:kind/:ns/:name/branch/*": refChange("branch", "delete"),
  "POST /api/:kind/:ns/:name/tag/*": refChange("tag", "create"),
  "DELETE /api/:kind/:ns/:name/tag/*": refChange("tag", "delete"),
};
