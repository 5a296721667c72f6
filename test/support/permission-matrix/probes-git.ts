import { expect } from "vitest";
import type { RepoKind } from "../../../src/db/schema.ts";
import { receivePackRequest, uploadPackRequest } from "./git-wire.ts";
import type { Case, Probe, Probes } from "./probe.ts";
import { benchOf, modelOf, webPath, workOf } from "./probe-helpers.ts";

/** Reads go to the model with results; pushes to the model that is written to. */
const repoOf = (c: Case, kind: RepoKind, push = false) => (kind === "dataset" ? benchOf(c) : push ? workOf(c) : modelOf(c));
const headOf = (c: Case, kind: RepoKind, ref: string, push = false) => c.world.head(kind, repoOf(c, kind, push).id, ref);

// git over smart HTTP, spoken with plain requests (see git-wire.ts): the same bytes git sends, without a git process.

/** The ref advertisement, which must name main. */
function advertisement(kind: RepoKind, service: "git-upload-pack" | "git-receive-pack"): Probe {
  return {
    edge: "git",
    prepare: async (c) => ({
      send: () => c.agent.git("GET", `${webPath(repoOf(c, kind))}/info/refs?service=${service}`),
      effect: async (res) => expect(await res.text()).toContain("refs/heads/main"),
    }),
  };
}

/** A fetch of main's head, which must come back as a pack. */
function uploadPack(kind: RepoKind): Probe {
  return {
    edge: "git",
    prepare: async (c) => {
      const head = (await headOf(c, kind, "refs/heads/main")) ?? "";
      return {
        send: () => c.agent.git("POST", `${webPath(repoOf(c, kind))}/git-upload-pack`, uploadPackRequest(head), "application/x-git-upload-pack-request"),
        effect: async (res) => expect(Buffer.from(await res.arrayBuffer()).includes("PACK")).toBe(true),
      };
    },
  };
}

/** A push that creates a new branch at main's head. */
function pushBranch(kind: RepoKind): Probe {
  return {
    edge: "git",
    prepare: async (c) => {
      const repo = repoOf(c, kind, true);
      const ref = `refs/heads/${c.world.unique("pushed")}`;
      const head = (await headOf(c, kind, "refs/heads/main", true)) ?? "";
      return {
        send: () => c.agent.git("POST", `${webPath(repo)}/git-receive-pack`, receivePackRequest(ref, null, head), "application/x-git-receive-pack-request"),
        effect: async () => expect(await headOf(c, kind, ref, true)).toBe(head),
        state: () => c.world.refs(kind, repo.id),
        stateKey: repo.id,
      };
    },
  };
}

/**
 * A push to `refs/pr/N` of the side commit (one ahead of main when the world was made), which the repository holds:
 * pushes take turns on the shared pull request of `author`.
 */
const pushPullRequest: Probe = {
  edge: "git",
  serial: true,
  prepare: async (c) => {
    const model = workOf(c);
    const num = model.sharedPr;
    const ref = `refs/pr/${num}`;
    let commit = "";
    return {
      send: async () => {
        const from = (await headOf(c, "model", ref, true)) ?? null;
        // Each allowed push must move the ref: back to main's head when it already holds the side commit.
        commit = from === c.world.sideCommit[c.visibility] ? ((await headOf(c, "model", "refs/heads/main", true)) ?? "") : c.world.sideCommit[c.visibility];
        return c.agent.git("POST", `${webPath(model)}/git-receive-pack`, receivePackRequest(ref, from, commit), "application/x-git-receive-pack-request");
      },
      effect: async () => expect(await headOf(c, "model", ref, true)).toBe(commit),
      state: async () => ({ refs: await c.world.refs("model", model.id), discussion: await c.world.details("model", model.id, num) }),
      stateKey: `${model.id}#${num}`,
    };
  },
};

export const GIT_PROBES: Probes = {
  "GET /:ns/:name/info/refs (upload-pack)": advertisement("model", "git-upload-pack"),
  "GET /:ns/:name/info/refs (receive-pack)": advertisement("model", "git-receive-pack"),
  "GET /datasets/:ns/:name/info/refs (upload-pack)": advertisement("dataset", "git-upload-pack"),
  "GET /datasets/:ns/:name/info/refs (receive-pack)": advertisement("dataset", "git-receive-pack"),
  "POST /:ns/:name/git-upload-pack": uploadPack("model"),
  "POST /datasets/:ns/:name/git-upload-pack": uploadPack("dataset"),
  "POST /:ns/:name/git-receive-pack (new branch)": pushBranch("model"),
  "POST /:ns/:name/git-receive-pack (to refs/pr/N)": pushPullRequest,
  "POST /datasets/:ns/:name/git-receive-pack (new branch)": pushBranch("dataset"),
};
