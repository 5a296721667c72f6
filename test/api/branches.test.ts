import { beforeAll, expect, it } from "vitest";
import { log } from "../../src/git/log.ts";
import { readTree } from "../../src/git/tree.ts";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { repoGitDir } from "../support/repo-content.ts";
import { call, createRepoAs, fileLine, headerLine, ndjson, postCommit, refOf, refSnapshot } from "../support/write-api.ts";

const ID = "alice/refs";

describeEachDialectWithHub("branches and tags: POST/DELETE …/branch/{name}, …/tag/{rev}", (getHub) => {
  let alice = "";
  let first = "";
  let second = "";
  beforeAll(async () => {
    const hub = getHub();
    alice = await hub.createUser("alice");
    await createRepoAs(hub, alice, ID);
    first = (await refOf(hub, ID)) ?? "";
    const res = await postCommit(hub, alice, ID, ndjson(headerLine("second"), fileLine("file.txt", "file content")));
    second = ((await res.json()) as { commitOid: string }).commitOid;
  });

  const branch = (method: "POST" | "DELETE", name: string, json?: unknown) =>
    call(getHub(), method, `/api/models/${ID}/branch/${encodeURIComponent(name)}`, { token: alice, ...(json === undefined ? {} : { json }) });
  const tag = (method: "POST" | "DELETE", rev: string, json?: unknown) =>
    call(getHub(), method, `/api/models/${ID}/tag/${encodeURIComponent(rev)}`, { token: alice, ...(json === undefined ? {} : { json }) });
  const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error;

  it("creates a branch at the head of main, with Python's {} or no body at all", async () => {
    expect((await branch("POST", "dev", {})).status).toBe(200);
    expect(await refOf(getHub(), ID, "refs/heads/dev")).toBe(second);
    expect((await branch("POST", "no-body")).status).toBe(200);
    expect(await refOf(getHub(), ID, "refs/heads/no-body")).toBe(second);
  });

  it("starts a branch at startingPoint, and names with '/' arrive encoded", async () => {
    expect((await branch("POST", "feat/old", { startingPoint: first })).status).toBe(200);
    expect(await refOf(getHub(), ID, "refs/heads/feat/old")).toBe(first);
    expect((await branch("POST", "from-dev", { startingPoint: "dev" })).status).toBe(200);
    expect(await refOf(getHub(), ID, "refs/heads/from-dev")).toBe(second);
  });

  it("answers 409 for an existing branch unless overwrite is set", async () => {
    await branch("POST", "taken", {});
    const res = await branch("POST", "taken", { startingPoint: first });
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toBe("Reference refs/heads/taken already exists");
    expect(await refOf(getHub(), ID, "refs/heads/taken")).toBe(second);

    // JS: overwrite alone leaves an existing branch as it is; with a starting point it moves it.
    expect((await branch("POST", "taken", { overwrite: true })).status).toBe(200);
    expect(await refOf(getHub(), ID, "refs/heads/taken")).toBe(second);
    expect((await branch("POST", "taken", { startingPoint: first, overwrite: true })).status).toBe(200);
    expect(await refOf(getHub(), ID, "refs/heads/taken")).toBe(first);
  });

  it("creates an empty branch: one parentless commit of an empty tree", async () => {
    const hub = getHub();
    expect((await branch("POST", "empty", { emptyBranch: true })).status).toBe(200);
    const gitDir = repoGitDir(hub, "model", ID);
    const [commit] = await log(gitDir, "refs/heads/empty");
    expect(commit?.parents).toEqual([]);
    expect(commit?.authorName).toBe("alice");
    expect(await readTree(gitDir, "refs/heads/empty")).toEqual([]);

    await branch("POST", "to-empty", {});
    expect((await branch("POST", "to-empty", { emptyBranch: true, overwrite: true })).status).toBe(200);
    expect(await readTree(gitDir, "refs/heads/to-empty")).toEqual([]);
  });

  it.each(["refs/pr/5", "refs/x/y", "refs/heads/x", "bad..name", "-dash", "HEAD", "a b", "x.lock"])("refuses %j as a branch name with 400", async (name) => {
    const before = await refSnapshot(getHub(), ID);
    const res = await branch("POST", name, {});
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatch(/^Invalid reference for a branch/);
    expect(await refSnapshot(getHub(), ID)).toEqual(before);
  });

  it("answers 404 RevisionNotFound for an unknown startingPoint", async () => {
    const res = await branch("POST", "orphan", { startingPoint: "no-such-rev" });
    expect(res.status).toBe(404);
    expect(res.headers.get("x-error-code")).toBe("RevisionNotFound");
    expect(await refOf(getHub(), ID, "refs/heads/orphan")).toBeNull();
  });

  it("answers 409 when a branch would clash with another's path", async () => {
    await branch("POST", "clash", {});
    const res = await branch("POST", "clash/inner", {});
    expect(res.status).toBe(409);
    expect(await refOf(getHub(), ID, "refs/heads/clash/inner")).toBeNull();
  });

  it("deletes branches, but never main, and answers 404 for missing ones", async () => {
    await branch("POST", "short-lived", {});
    expect((await branch("DELETE", "short-lived")).status).toBe(200);
    expect(await refOf(getHub(), ID, "refs/heads/short-lived")).toBeNull();

    const again = await branch("DELETE", "short-lived");
    expect(again.status).toBe(404);
    expect(again.headers.get("x-error-code")).toBe("RevisionNotFound");
    expect(await errorOf(again)).toMatch(/^Invalid rev id/);

    const main = await branch("DELETE", "main");
    expect(main.status).toBe(403);
    expect(await errorOf(main)).toBe("Cannot delete refs/heads/main");
    expect(await refOf(getHub(), ID)).toBe(second);
  });

  it("tags a revision, refuses an existing tag with 409, and deletes it", async () => {
    expect((await tag("POST", "main", { tag: "v1.0", message: "first release" })).status).toBe(200);
    expect(await refOf(getHub(), ID, "refs/tags/v1.0")).toBe(second);
    expect((await tag("POST", first, { tag: "v0.1" })).status).toBe(200);
    expect(await refOf(getHub(), ID, "refs/tags/v0.1")).toBe(first);

    const again = await tag("POST", first, { tag: "v1.0" });
    expect(again.status).toBe(409);
    expect(await refOf(getHub(), ID, "refs/tags/v1.0")).toBe(second);

    expect((await tag("DELETE", "v1.0")).status).toBe(200);
    expect(await refOf(getHub(), ID, "refs/tags/v1.0")).toBeNull();
    const missing = await tag("DELETE", "v1.0");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("x-error-code")).toBe("RevisionNotFound");
  });

  it("refuses tags on unknown revisions and bad tag names", async () => {
    const unknown = await tag("POST", "no-such-rev", { tag: "v9" });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("x-error-code")).toBe("RevisionNotFound");
    expect((await tag("POST", "main", { tag: "bad..tag" })).status).toBe(400);
    expect((await tag("POST", "main", {})).status).toBe(400);
    expect(await refOf(getHub(), ID, "refs/tags/v9")).toBeNull();
  });

  it("lets a commit land on a branch made through the API", async () => {
    await branch("POST", "work", { startingPoint: first });
    const res = await postCommit(getHub(), alice, ID, ndjson(headerLine("on work"), fileLine("w.txt", "w")), { rev: "work" });
    expect(res.status).toBe(200);
    const [commit] = await log(repoGitDir(getHub(), "model", ID), "refs/heads/work", { limit: 1 });
    expect(commit?.parents).toEqual([first]);
  });
});
