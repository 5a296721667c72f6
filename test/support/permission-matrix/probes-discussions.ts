import { expect } from "vitest";
import type { EventBody } from "../discussions.ts";
import type { Case, Prepared, Probe, Probes } from "./probe.ts";
import { apiPath, reads, workOf } from "./probe-helpers.ts";

const discussions = (c: Case) => `${apiPath(workOf(c))}/discussions`;
const eventOf = async (c: Case, num: number, id: string): Promise<EventBody | undefined> => (await c.world.details("model", workOf(c).id, num)).events.find((e) => e.id === id);

/** What a refused change to discussion `num` must leave alone: git, the number of discussions and that discussion. */
const discussionState = (c: Case, num: number) => async () => {
  const { id } = workOf(c);
  return { refs: await c.world.refs("model", id), count: await c.world.discussionCount("model", id), discussion: await c.world.details("model", id, num) };
};

/** A change to one pull request, the one `pick` names for the case. */
function onPullRequest(resource: string, pick: (c: Case) => number | Promise<number>, body: (c: Case) => unknown, check: (c: Case, num: number) => Promise<void>, serial = false): Probe {
  return {
    edge: "api",
    serial,
    prepare: async (c): Promise<Prepared> => {
      const num = await pick(c);
      return { send: () => c.agent.api("POST", `${discussions(c)}/${num}/${resource}`, { json: body(c) }), effect: () => check(c, num), state: discussionState(c, num), stateKey: `${workOf(c).id}#${num}` };
    },
  };
}

/** A change to one comment on the shared discussion: `author` writes it (a fresh one per case, or the shared one of `other`). */
function onComment(action: "edit" | "hide", author: (c: Case) => "caller" | "writer" | "other" | "shared"): Probe {
  return {
    edge: "api",
    prepare: async (c) => {
      const model = workOf(c);
      const by = author(c);
      const agent = by === "caller" ? c.agent : by === "writer" ? c.world.agents.writer : c.world.other;
      const comment = by === "shared" ? model.otherComment : await c.world.commentAs(agent, "model", model.id, model.discussion);
      const body = action === "edit" ? { content: c.world.unique("edited") } : undefined;
      return {
        send: () => c.agent.api("POST", `${discussions(c)}/${model.discussion}/comment/${comment}/${action}`, body === undefined ? {} : { json: body }),
        effect: async () => expect((await eventOf(c, model.discussion, comment))?.data[action === "edit" ? "edited" : "hidden"]).toBe(true),
        state: discussionState(c, model.discussion),
        stateKey: `${model.id}#${model.discussion}`,
      };
    },
  };
}

function openDiscussion(pullRequest: boolean): Probe {
  return {
    edge: "api",
    prepare: async (c) => ({
      send: () => c.world.inTurn(workOf(c).id, () => c.agent.api("POST", discussions(c), { json: { title: c.world.unique("opened"), description: "", pullRequest } })),
      effect: async (res) => expect(((await res.json()) as { isPullRequest: boolean }).isPullRequest).toBe(pullRequest),
      state: async () => ({ refs: await c.world.refs("model", workOf(c).id), count: await c.world.discussionCount("model", workOf(c).id) }),
      stateKey: workOf(c).id,
    }),
  };
}

const statusIs = (status: string) => async (c: Case, num: number) => expect((await c.world.listed("model", workOf(c).id, num))?.status).toBe(status);
/** A fresh pull request of `author` when the case is allowed (it will be used up), else `shared`. */
const freshOr = (shared: "sharedPr" | "closedPr", options: { commit?: boolean; closed?: boolean } = {}) => (c: Case) =>
  c.allowed ? c.world.freshPullRequest("model", workOf(c).id, options) : workOf(c)[shared];

/**
 * Discussions and pull requests through the API. "Own comment": the caller's own when it may comment at all; a read
 * token's is its user's (the writer's); for anyone who may not comment, the shared comment of `other`.
 */
export const DISCUSSION_PROBES: Probes = {
  "GET /api/:kind/:ns/:name/discussions": reads("api", (c) => discussions(c)),
  "GET /api/:kind/:ns/:name/discussions/:num": reads("api", (c) => `${discussions(c)}/${workOf(c).sharedPr}`),
  "POST /api/:kind/:ns/:name/discussions (a discussion)": openDiscussion(false),
  "POST /api/:kind/:ns/:name/discussions (a pull request)": openDiscussion(true),
  "POST /api/:kind/:ns/:name/discussions/:num/comment": {
    edge: "api",
    prepare: async (c) => {
      const model = workOf(c);
      const text = c.world.unique("hello");
      return {
        send: () => c.agent.api("POST", `${discussions(c)}/${model.discussion}/comment`, { json: { comment: text } }),
        effect: async () => expect((await c.world.details("model", model.id, model.discussion)).events.some((e) => e.data.latest?.raw === text)).toBe(true),
        state: discussionState(c, model.discussion),
        stateKey: `${model.id}#${model.discussion}`,
      };
    },
  },
  "POST /api/:kind/:ns/:name/discussions/:num/comment/:commentId/edit (own comment)": onComment("edit", (c) => (c.allowed ? "caller" : c.caller === "readToken" ? "writer" : "shared")),
  "POST /api/:kind/:ns/:name/discussions/:num/comment/:commentId/edit (someone else's comment)": onComment("edit", (c) => (c.allowed ? "other" : "shared")),
  "POST /api/:kind/:ns/:name/discussions/:num/comment/:commentId/hide": onComment("hide", (c) => (c.allowed ? "other" : "shared")),
  "POST /api/:kind/:ns/:name/discussions/:num/status (close)": onPullRequest("status", freshOr("sharedPr"), () => ({ status: "closed" }), statusIs("closed")),
  "POST /api/:kind/:ns/:name/discussions/:num/status (reopen)": onPullRequest("status", freshOr("closedPr", { closed: true }), () => ({ status: "open" }), statusIs("open")),
  // Renames take turns on the shared pull request, so each can see its own title.
  "POST /api/:kind/:ns/:name/discussions/:num/title": onPullRequest(
    "title",
    (c) => workOf(c).sharedPr,
    (c) => ({ title: `renamed by ${c.caller}` }),
    async (c, num) => expect((await c.world.listed("model", workOf(c).id, num))?.title).toBe(`renamed by ${c.caller}`),
    true,
  ),
  "POST /api/:kind/:ns/:name/discussions/:num/merge": onPullRequest("merge", freshOr("sharedPr", { commit: true }), () => ({}), statusIs("merged"), true),
};
