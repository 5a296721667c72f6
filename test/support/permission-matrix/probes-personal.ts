import { expect } from "vitest";
import { fileLine, headerLine, ndjson } from "../write-api.ts";
import type { Case, Probe, Probes } from "./probe.ts";

const personalOf = (c: Case) => c.world.personal[c.visibility];

/** A write to writer's own model that moves or makes a ref, checked on disk. */
function refWrite(ref: (name: string) => string, send: (c: Case, id: string, name: string) => Promise<Response>, serial = false): Probe {
  return {
    edge: "api",
    serial,
    prepare: async (c) => {
      const id = personalOf(c);
      const name = c.world.unique("own");
      let before: string | undefined;
      return {
        send: async () => {
          before = await c.world.head("model", id, ref(name));
          return send(c, id, name);
        },
        effect: async () => expect(await c.world.head("model", id, ref(name))).not.toBe(before),
        state: () => c.world.refs("model", id),
        stateKey: id,
      };
    },
  };
}

/** The same writes on a repository of writer's own namespace, where writer is the owner rather than a member. */
export const PERSONAL_PROBES: Probes = {
  "POST /api/:kind/:ns/:name/commit/* (to main of one's own)": refWrite(
    () => "refs/heads/main",
    (c, id, name) => c.agent.api("POST", `/api/models/${id}/commit/main`, { body: ndjson(headerLine("mine"), fileLine(`${name}.txt`, "x")), headers: { "content-type": "application/x-ndjson" } }),
    true,
  ),
  "POST /api/:kind/:ns/:name/branch/* (of one's own)": refWrite((name) => `refs/heads/${name}`, (c, id, name) => c.agent.api("POST", `/api/models/${id}/branch/${name}`, { json: {} })),
  "POST /api/:kind/:ns/:name/tag/* (of one's own)": refWrite((name) => `refs/tags/${name}`, (c, id, name) => c.agent.api("POST", `/api/models/${id}/tag/main`, { json: { tag: name } })),
  "PUT /api/:kind/:ns/:name/settings (of one's own)": {
    edge: "api",
    prepare: async (c) => {
      const id = c.allowed ? await c.world.freshPersonalRepo(c.visibility) : personalOf(c);
      const wanted = c.visibility === "public";
      return {
        send: () => c.agent.api("PUT", `/api/models/${id}/settings`, { json: { private: wanted } }),
        effect: async () => expect(await c.world.isPrivate("model", id)).toBe(wanted),
        state: () => c.world.isPrivate("model", id),
        stateKey: id,
      };
    },
  },
  "DELETE /api/repos/delete (of one's own)": {
    edge: "api",
    prepare: async (c) => {
      const id = c.allowed ? await c.world.freshPersonalRepo(c.visibility) : personalOf(c);
      const name = id.split("/")[1];
      return {
        send: () => c.agent.api("DELETE", "/api/repos/delete", { json: { name, organization: "writer", type: "model" } }),
        effect: async () => expect(await c.world.refs("model", id)).toEqual({ exists: false, refs: null }),
        state: () => c.world.refs("model", id),
        stateKey: id,
      };
    },
  },
};
