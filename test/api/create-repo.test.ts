import { existsSync } from "node:fs";
import { beforeAll, expect, it } from "vitest";
import { log } from "../../src/git/log.ts";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { repoGitDir } from "../support/repo-content.ts";
import { call, commitCount, fileAt, refOf } from "../support/write-api.ts";

describeEachDialectWithHub("POST /api/repos/create, DELETE /api/repos/delete, PUT settings", (getHub) => {
  let alice = "";
  let bob = "";
  beforeAll(async () => {
    alice = await getHub().createUser("alice");
    bob = await getHub().createUser("bob");
  });

  const create = (token: string | undefined, json: unknown) => call(getHub(), "POST", "/api/repos/create", { token, json });

  it("creates a model repository as JS sends it, with the system's initial commit on main", async () => {
    const hub = getHub();
    const res = await create(alice, { name: "evals-model", organization: "alice", type: "model" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { url: string; name: string; id: string };
    expect(body.url).toBe(`${hub.url}/alice/evals-model`);
    expect(body.name).toBe("alice/evals-model");
    expect(body.id).toMatch(/^[0-9a-f]{24}$/);
    expect(await commitCount(hub, "alice/evals-model")).toBe(1);
    const [initial] = await log(repoGitDir(hub, "model", "alice/evals-model"), "refs/heads/main");
    expect(initial?.title).toBe("initial commit");
    expect(initial?.authorName).toBe("system");
  });

  it("defaults the namespace to the token's user and the type to model, as Python sends it", async () => {
    const res = await create(alice, { name: "pyrepo", organization: null });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { url: string }).url).toBe(`${getHub().url}/alice/pyrepo`);
    expect(await refOf(getHub(), "alice/pyrepo")).toMatch(/^[0-9a-f]{40}$/);
  });

  it("creates datasets under the datasets/ prefix", async () => {
    const res = await create(alice, { name: "scores", organization: "alice", type: "dataset" });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { url: string }).url).toBe(`${getHub().url}/datasets/alice/scores`);
    expect(await refOf(getHub(), "alice/scores", "refs/heads/main", "dataset")).toMatch(/^[0-9a-f]{40}$/);
  });

  it("answers 409 with the existing repository's url, whatever the case of the name", async () => {
    await create(alice, { name: "twice", organization: "alice", type: "model" });
    const res = await create(alice, { name: "TWICE", organization: "alice" });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: string; url: string };
    expect(body.url).toBe(`${getHub().url}/alice/twice`);
    expect(body.error).toMatch(/already created/);
  });

  it("refuses spaces and protected visibility", async () => {
    const space = await create(alice, { name: "app", organization: "alice", type: "space", sdk: "static" });
    expect(space.status).toBe(400);
    expect(((await space.json()) as { error: string }).error).toMatch(/spaces are not hosted/);
    const protectedRepo = await create(alice, { name: "prot", organization: "alice", visibility: "protected" });
    expect(protectedRepo.status).toBe(400);
    expect(existsSync(repoGitDir(getHub(), "model", "alice/app"))).toBe(false);
  });

  it("makes private repositories a 404 to strangers", async () => {
    expect((await create(alice, { name: "secret", organization: "alice", visibility: "private" })).status).toBe(200);
    expect((await create(alice, { name: "secret2", organization: "alice", private: true })).status).toBe(200);
    for (const name of ["secret", "secret2"]) {
      const asBob = await call(getHub(), "POST", `/api/models/alice/${name}/preupload/main`, { token: bob, json: { files: [] } });
      expect(asBob.status).toBe(404);
      expect(asBob.headers.get("x-error-code")).toBe("RepoNotFound");
    }
  });

  it("commits JS's `files` at creation, as the creating user", async () => {
    const hub = getHub();
    const res = await create(alice, {
      name: "with-files",
      organization: "alice",
      type: "model",
      files: [
        { path: "README.md", content: Buffer.from("# hello\n").toString("base64"), encoding: "base64" },
        { path: ".eval_results/hle.yaml", content: Buffer.from("- value: 1\n").toString("base64"), encoding: "base64" },
      ],
    });
    expect(res.status).toBe(200);
    expect(await fileAt(hub, "alice/with-files", "README.md")).toBe("# hello\n");
    expect(await fileAt(hub, "alice/with-files", ".eval_results/hle.yaml")).toBe("- value: 1\n");
    expect(await fileAt(hub, "alice/with-files", ".gitattributes")).not.toBeNull();
    const [latest] = await log(repoGitDir(hub, "model", "alice/with-files"), "refs/heads/main");
    expect(latest?.authorName).toBe("alice");
    expect(await commitCount(hub, "alice/with-files")).toBe(2);
  });

  it("creates nothing when a file at creation breaks a rule", async () => {
    const badPath = await create(alice, { name: "bad-files", organization: "alice", files: [{ path: "../escape", content: "", encoding: "base64" }] });
    expect(badPath.status).toBe(422);
    const badBase64 = await create(alice, { name: "bad-files", organization: "alice", files: [{ path: "a.txt", content: "!!!!", encoding: "base64" }] });
    expect(badBase64.status).toBe(400);
    expect(existsSync(repoGitDir(getHub(), "model", "alice/bad-files"))).toBe(false);
    expect((await create(alice, { name: "bad-files", organization: "alice" })).status).toBe(200);
  });

  it("needs a signed-in user allowed in the namespace", async () => {
    expect((await create(undefined, { name: "anon", organization: "alice" })).status).toBe(401);
    const intoAlice = await create(bob, { name: "intruder", organization: "alice" });
    expect(intoAlice.status).toBe(403);
    expect(existsSync(repoGitDir(getHub(), "model", "alice/intruder"))).toBe(false);
    const readOnly = (await getHub().cli(["user", "token", "alice", "--role", "read"])).trim();
    expect((await create(readOnly, { name: "by-read-token", organization: "alice" })).status).toBe(403);
  });

  it("refuses a body that is not JSON or misses the name", async () => {
    const notJson = await call(getHub(), "POST", "/api/repos/create", { token: alice, body: "{nope", headers: { "content-type": "application/json" } });
    expect(notJson.status).toBe(400);
    expect(notJson.headers.get("content-type")).toMatch(/^application\/json/);
    expect((await create(alice, { organization: "alice" })).status).toBe(400);
  });

  it("deletes a repository for its admin, then answers 404 RepoNotFound", async () => {
    const hub = getHub();
    await create(alice, { name: "doomed", organization: "alice", type: "model" });
    const byBob = await call(hub, "DELETE", "/api/repos/delete", { token: bob, json: { name: "doomed", organization: "alice", type: "model" } });
    expect(byBob.status).toBe(403);
    expect(existsSync(repoGitDir(hub, "model", "alice/doomed"))).toBe(true);

    const res = await call(hub, "DELETE", "/api/repos/delete", { token: alice, json: { name: "doomed", organization: "alice" } });
    expect(res.status).toBe(200);
    expect(existsSync(repoGitDir(hub, "model", "alice/doomed"))).toBe(false);
    const again = await call(hub, "DELETE", "/api/repos/delete", { token: alice, json: { name: "doomed", organization: "alice", type: "model" } });
    expect(again.status).toBe(404);
    expect(again.headers.get("x-error-code")).toBe("RepoNotFound");
    expect((await create(alice, { name: "doomed", organization: "alice" })).status).toBe(200);
  });

  it("deletes datasets by type and refuses spaces", async () => {
    await create(alice, { name: "gone-ds", organization: "alice", type: "dataset" });
    const res = await call(getHub(), "DELETE", "/api/repos/delete", { token: alice, json: { name: "gone-ds", organization: "alice", type: "dataset" } });
    expect(res.status).toBe(200);
    expect(existsSync(repoGitDir(getHub(), "dataset", "alice/gone-ds"))).toBe(false);
    const space = await call(getHub(), "DELETE", "/api/repos/delete", { token: alice, json: { name: "x", organization: "alice", type: "space" } });
    expect(space.status).toBe(400);
  });

  it("switches visibility through PUT settings, for the repository's admin only", async () => {
    const hub = getHub();
    await create(alice, { name: "flip", organization: "alice", type: "model" });
    const bobSees = () => call(hub, "POST", "/api/models/alice/flip/preupload/main", { token: bob, json: { files: [] } });
    expect((await bobSees()).status).toBe(403);

    expect((await call(hub, "PUT", "/api/models/alice/flip/settings", { token: bob, json: { private: true } })).status).toBe(403);
    const toPrivate = await call(hub, "PUT", "/api/models/alice/flip/settings", { token: alice, json: { private: true } });
    expect(toPrivate.status).toBe(200);
    expect(await toPrivate.json()).toEqual({ private: true, gated: false });
    expect((await bobSees()).status).toBe(404);

    // Python 2.0 sends `visibility`.
    expect((await call(hub, "PUT", "/api/models/alice/flip/settings", { token: alice, json: { visibility: "public" } })).status).toBe(200);
    expect((await bobSees()).status).toBe(403);

    const gated = await call(hub, "PUT", "/api/models/alice/flip/settings", { token: alice, json: { gated: "auto" } });
    expect(gated.status).toBe(400);
    expect((await call(hub, "PUT", "/api/models/alice/flip/settings", { token: alice, json: { gated: false } })).status).toBe(200);
    expect((await call(hub, "PUT", "/api/models/alice/flip/settings", { token: alice, json: {} })).status).toBe(400);
  });
});
