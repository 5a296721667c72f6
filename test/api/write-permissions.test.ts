import { existsSync } from "node:fs";
import { beforeAll, expect, it } from "vitest";
import type { HubProcess } from "../support/hub-process.ts";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { repoGitDir } from "../support/repo-content.ts";
import { call, createRepoAs, fileLine, headerLine, ndjson, postCommit, refSnapshot } from "../support/write-api.ts";

type Who = "anonymous" | "readToken" | "stranger";

interface WriteCall {
  name: string;
  send(hub: HubProcess, token: string | undefined, id: string): Promise<Response>;
}

const api = (id: string) => `/api/models/${id}`;

/** Every write endpoint of a repository, each shaped as a client would send it. */
const WRITES: WriteCall[] = [
  { name: "commit to main", send: (hub, token, id) => postCommit(hub, token, id, ndjson(headerLine("x"), fileLine("x.txt", "x"))) },
  { name: "commit to refs/pr/1", send: (hub, token, id) => postCommit(hub, token, id, ndjson(headerLine("x"), fileLine("x.txt", "x")), { rev: "refs/pr/1" }) },
  { name: "preupload", send: (hub, token, id) => call(hub, "POST", `${api(id)}/preupload/main`, { token, json: { files: [{ path: "x.txt", size: 1, sample: "" }] } }) },
  { name: "create a branch", send: (hub, token, id) => call(hub, "POST", `${api(id)}/branch/new-branch`, { token, json: {} }) },
  { name: "delete a branch", send: (hub, token, id) => call(hub, "DELETE", `${api(id)}/branch/keep`, { token }) },
  { name: "create a tag", send: (hub, token, id) => call(hub, "POST", `${api(id)}/tag/main`, { token, json: { tag: "new-tag" } }) },
  { name: "delete a tag", send: (hub, token, id) => call(hub, "DELETE", `${api(id)}/tag/v-keep`, { token }) },
  { name: "change settings", send: (hub, token, id) => call(hub, "PUT", `${api(id)}/settings`, { token, json: { gated: false } }) },
  {
    name: "delete the repository",
    send: (hub, token, id) => {
      const [organization, name] = id.split("/");
      return call(hub, "DELETE", "/api/repos/delete", { token, json: { name, organization, type: "model" } });
    },
  },
];

// What each caller gets: on a public repository they can read, a refusal; on a private one, not even its existence.
const EXPECTED: Record<Who, { public: number; private: number }> = {
  anonymous: { public: 401, private: 404 },
  readToken: { public: 403, private: 403 },
  stranger: { public: 403, private: 404 },
};

describeEachDialectWithHub("write permissions", (getHub) => {
  const tokens: Record<Who, string | undefined> & { alice: string; bob: string; carol: string } = {
    anonymous: undefined, readToken: "", stranger: "", alice: "", bob: "", carol: "",
  };

  beforeAll(async () => {
    const hub = getHub();
    tokens.alice = await hub.createUser("alice");
    tokens.bob = await hub.createUser("bob");
    tokens.carol = await hub.createUser("carol");
    tokens.stranger = tokens.bob;
    tokens.readToken = (await hub.cli(["user", "token", "alice", "--role", "read"])).trim();
    await hub.cli(["org", "create", "lab", "--member", "alice:admin", "--member", "bob:read", "--member", "carol:write"]);
    for (const [id, isPrivate] of [["alice/pub", false], ["alice/priv", true], ["lab/open", false], ["lab/closed", true]] as const) {
      await createRepoAs(hub, tokens.alice, id, { private: isPrivate });
      expect((await call(hub, "POST", `${api(id)}/branch/keep`, { token: tokens.alice, json: {} })).status).toBe(200);
      expect((await call(hub, "POST", `${api(id)}/tag/main`, { token: tokens.alice, json: { tag: "v-keep" } })).status).toBe(200);
      expect((await postCommit(hub, tokens.alice, id, ndjson(headerLine("pr by alice")), { createPr: true })).status).toBe(200);
    }
  });

  async function expectRefused(id: string, write: WriteCall, token: string | undefined, status: number) {
    const hub = getHub();
    const before = await refSnapshot(hub, id);
    const res = await write.send(hub, token, id);
    expect(res.status, `${write.name}: ${await res.clone().text()}`).toBe(status);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    if (status === 404) expect(res.headers.get("x-error-code")).toBe("RepoNotFound");
    expect(existsSync(repoGitDir(hub, "model", id))).toBe(true);
    expect(await refSnapshot(hub, id)).toEqual(before);
  }

  for (const who of ["anonymous", "readToken", "stranger"] as const) {
    it.each(WRITES.map((w) => [w.name, w] as const))(`${who}: %s is refused (public ${EXPECTED[who].public}, private ${EXPECTED[who].private})`, async (_name, write) => {
      await expectRefused("alice/pub", write, tokens[who], EXPECTED[who].public);
      await expectRefused("alice/priv", write, tokens[who], EXPECTED[who].private);
    });
  }

  it("sends a Bearer challenge with the 401", async () => {
    const res = await postCommit(getHub(), undefined, "alice/pub", ndjson(headerLine("x")));
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/Bearer realm=/);
  });

  it("answers 401 for a token the hub does not know, before anything else", async () => {
    const res = await postCommit(getHub(), "hf_notarealtokennotarealtoken", "alice/priv", ndjson(headerLine("x")));
    expect(res.status).toBe(401);
  });

  it("lets anyone signed in who can read a repository open a pull request, and nobody else", async () => {
    const hub = getHub();
    const open = (token: string | undefined, id: string) => postCommit(hub, token, id, ndjson(headerLine("proposal"), fileLine("p.txt", "p")), { createPr: true });
    expect((await open(tokens.bob, "alice/pub")).status).toBe(200);
    expect((await call(hub, "POST", `${api("alice/pub")}/preupload/main?create_pr=1`, { token: tokens.bob, json: { files: [] } })).status).toBe(200);

    const before = await refSnapshot(hub, "alice/pub");
    expect((await open(undefined, "alice/pub")).status).toBe(401);
    expect((await open(tokens.readToken, "alice/pub")).status).toBe(403);
    expect(await refSnapshot(hub, "alice/pub")).toEqual(before);

    const beforePrivate = await refSnapshot(hub, "alice/priv");
    expect((await open(tokens.bob, "alice/priv")).status).toBe(404);
    expect((await open(undefined, "alice/priv")).status).toBe(404);
    expect(await refSnapshot(hub, "alice/priv")).toEqual(beforePrivate);
  });

  it("follows organisation roles: read members see private repositories but cannot write", async () => {
    for (const id of ["lab/open", "lab/closed"]) await expectRefused(id, WRITES[0] as WriteCall, tokens.bob, 403);
    expect((await postCommit(getHub(), tokens.bob, "lab/closed", ndjson(headerLine("bob's idea")), { createPr: true })).status).toBe(200);
  });

  it("lets write members commit and branch, but keeps settings and deletion for admins", async () => {
    const hub = getHub();
    expect((await postCommit(hub, tokens.carol, "lab/closed", ndjson(headerLine("carol"), fileLine("c.txt", "c")))).status).toBe(200);
    expect((await call(hub, "POST", `${api("lab/closed")}/branch/carol`, { token: tokens.carol, json: {} })).status).toBe(200);
    const settings = WRITES.find((w) => w.name === "change settings") as WriteCall;
    const deletion = WRITES.find((w) => w.name === "delete the repository") as WriteCall;
    await expectRefused("lab/closed", settings, tokens.carol, 403);
    await expectRefused("lab/closed", deletion, tokens.carol, 403);
    expect((await settings.send(hub, tokens.alice, "lab/closed")).status).toBe(200);
  });

  it("lets the owner do every write", async () => {
    const hub = getHub();
    for (const write of WRITES) {
      const res = await write.send(hub, tokens.alice, "alice/pub");
      expect(res.status, `${write.name}: ${await res.clone().text()}`).toBe(200);
    }
    expect(existsSync(repoGitDir(hub, "model", "alice/pub"))).toBe(false);
  });
});
