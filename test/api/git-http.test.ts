import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { RepoKind } from "../../src/db/schema.ts";
import { cli, cliOk, tempDir, type CliResult } from "../git/fixtures.ts";
import type { HubProcess } from "../support/hub-process.ts";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { call, createRepoAs, refSnapshot } from "../support/write-api.ts";

const basic = (token: string) => `Basic ${Buffer.from(`git:${token}`).toString("base64")}`;

describeEachDialectWithHub("git over smart HTTP", (getHub) => {
  const tokens = { alice: "", aliceRead: "", bob: "" };

  beforeAll(async () => {
    const hub = getHub();
    tokens.alice = await hub.createUser("alice");
    tokens.bob = await hub.createUser("bob");
    tokens.aliceRead = (await hub.cli(["user", "token", "alice", "--role", "read"])).trim();
    await createRepoAs(hub, tokens.alice, "alice/open");
    await createRepoAs(hub, tokens.alice, "alice/secret", { private: true });
    await createRepoAs(hub, tokens.alice, "alice/scores", { kind: "dataset" });
  });

  /** The clone URL, with `token` as the Basic password the way git users write it. */
  function remote(path: string, token?: string): string {
    const url = new URL(`${getHub().url}/${path}`);
    if (token !== undefined) {
      url.username = "git";
      url.password = token;
    }
    return url.toString();
  }

  /** git with no credential helper, so only the URL's credentials (or none) are ever sent. */
  const git = (cwd: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> => cli(cwd, ["-c", "credential.helper=", ...args], env);
  const gitOk = (cwd: string, args: string[], env: Record<string, string> = {}): Promise<string> => cliOk(cwd, ["-c", "credential.helper=", ...args], env);

  async function cloneOk(path: string, token?: string): Promise<string> {
    const dir = await tempDir();
    await gitOk(dir, ["clone", "--quiet", remote(path, token), "work"]);
    return join(dir, "work");
  }

  async function commitFile(work: string, file: string, content: string): Promise<string> {
    await writeFile(join(work, file), content);
    await gitOk(work, ["add", file]);
    await gitOk(work, ["commit", "--quiet", "-m", `add ${file}`]);
    return (await gitOk(work, ["rev-parse", "HEAD"])).trim();
  }

  async function lsRemote(path: string, token?: string): Promise<Record<string, string>> {
    const out = await gitOk(await tempDir(), ["ls-remote", remote(path, token)]);
    const refs = out.split("\n").filter((line) => line !== "").map((line) => line.split("\t"));
    return Object.fromEntries(refs.map(([oid = "", ref = ""]) => [ref, oid]));
  }

  async function lastModified(hub: HubProcess, id: string): Promise<string> {
    const res = await call(hub, "GET", `/api/models?author=${id.split("/")[0]}`, { token: tokens.alice });
    const repos = (await res.json()) as { id: string; lastModified: string }[];
    const found = repos.find((repo) => repo.id === id);
    if (!found) throw new Error(`${id} is not listed`);
    return found.lastModified;
  }

  describe("clone and fetch", () => {
    it.each(["alice/open", "alice/open.git", "datasets/alice/scores", "datasets/alice/scores.git"])("anonymous clone of public %s sees the initial commit", async (path) => {
      const work = await cloneOk(path);
      expect(await gitOk(work, ["ls-files"])).toBe(".gitattributes\n");
      expect(await gitOk(work, ["log", "--format=%s"])).toBe("initial commit\n");
    });

    it("clones a private repository with the owner's token in the URL, with or without .git", async () => {
      for (const path of ["alice/secret", "alice/secret.git"]) {
        const work = await cloneOk(path, tokens.alice);
        expect(await gitOk(work, ["ls-files"])).toBe(".gitattributes\n");
      }
    });

    it("an anonymous clone of a private repository is challenged and fails without prompting", async () => {
      const result = await git(await tempDir(), ["clone", remote("alice/secret"), "work"]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/could not read Username|terminal prompts disabled/);
    });

    it("a stranger's token on a private repository gets 'not found'", async () => {
      const result = await git(await tempDir(), ["clone", remote("alice/secret", tokens.bob), "work"]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/not found/i);
    });

    it("an invalid token fails authentication", async () => {
      const result = await git(await tempDir(), ["clone", remote("alice/secret", "hf_notARealTokenAtAll0000"), "work"]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/Authentication failed/);
    });

    it("fetches over protocol v2 and over v0", async () => {
      const work = await cloneOk("alice/open");
      const v2 = await git(work, ["-c", "protocol.version=2", "fetch", "origin"], { GIT_TRACE_PACKET: "1" });
      expect(v2.code, v2.stderr).toBe(0);
      expect(v2.stderr).toContain("git< version 2");
      const v0 = await git(work, ["-c", "protocol.version=0", "fetch", "origin"], { GIT_TRACE_PACKET: "1" });
      expect(v0.code, v0.stderr).toBe(0);
      expect(v0.stderr).not.toContain("git< version 2");
      expect(v0.stderr).toContain("# service=git-upload-pack");
    });
  });

  describe("challenges and refusals over HTTP", () => {
    const infoRefs = (path: string, service: string, authorization?: string) =>
      fetch(`${getHub().url}/${path}/info/refs?service=${service}`, { headers: authorization ? { authorization } : {} });

    it("challenges anonymous callers for private and missing repositories alike, with Basic", async () => {
      for (const path of ["alice/secret", "alice/secret.git", "alice/nothing-here", "datasets/alice/nothing-here.git"]) {
        const res = await infoRefs(path, "git-upload-pack");
        expect(res.status, path).toBe(401);
        expect(res.headers.get("www-authenticate")).toBe('Basic realm="evalhub"');
      }
    });

    it("challenges every anonymous push, even to a public repository", async () => {
      const res = await infoRefs("alice/open", "git-receive-pack");
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('Basic realm="evalhub"');
      const post = await fetch(`${getHub().url}/alice/open.git/git-receive-pack`, {
        method: "POST",
        headers: { "content-type": "application/x-git-receive-pack-request" },
        body: "0000",
      });
      expect(post.status).toBe(401);
      expect(post.headers.get("www-authenticate")).toBe('Basic realm="evalhub"');
    });

    it("gives a signed-in caller the same 404 for a private repository it cannot read and a missing one", async () => {
      for (const path of ["alice/secret", "alice/nothing-here"]) {
        for (const service of ["git-upload-pack", "git-receive-pack"]) {
          const res = await infoRefs(path, service, basic(tokens.bob));
          expect(res.status, `${path} ${service}`).toBe(404);
          expect(res.headers.get("x-error-code")).toBe("RepoNotFound");
        }
      }
    });

    it("answers an invalid token with 401", async () => {
      const res = await infoRefs("alice/open", "git-upload-pack", basic("hf_notARealTokenAtAll0000"));
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).not.toBeNull();
    });

    it("serves the advertisement of a public repository to anyone", async () => {
      const res = await infoRefs("alice/open", "git-upload-pack");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/x-git-upload-pack-advertisement");
      expect(await res.text()).toContain("refs/heads/main");
    });

    it("routes only git's own paths", async () => {
      const hub = getHub();
      expect((await call(hub, "GET", "/alice/open/info/refs")).status).toBe(403); // the dumb protocol
      expect((await call(hub, "GET", "/alice/open/info/other")).status).toBe(404);
      expect((await call(hub, "GET", "/alice/open/git-upload-pack")).status).toBe(404);
      expect((await call(hub, "POST", "/datasets/alice/git-upload-pack")).status).toBe(404);
      expect((await call(hub, "GET", "/spaces/alice/open/info/refs?service=git-upload-pack")).status).toBe(404);
    });
  });

  describe("push", () => {
    it("the owner pushes to main; the file is served and the repository's lastModified moves", async () => {
      const hub = getHub();
      const before = await lastModified(hub, "alice/open");
      const work = await cloneOk("alice/open", tokens.alice);
      const commit = await commitFile(work, "notes.txt", "pushed over git\n");
      const push = await git(work, ["push", "origin", "main"]);
      expect(push.code, push.stderr).toBe(0);

      expect((await lsRemote("alice/open"))["refs/heads/main"]).toBe(commit);
      const file = await call(hub, "GET", "/alice/open/resolve/main/notes.txt");
      expect(file.status).toBe(200);
      expect(await file.text()).toBe("pushed over git\n");
      expect(Date.parse(await lastModified(hub, "alice/open"))).toBeGreaterThan(Date.parse(before));
    });

    it("the owner pushes a private repository, a dataset, new branches and tags, and deletes a branch", async () => {
      const secret = await cloneOk("alice/secret.git", tokens.alice);
      const secretCommit = await commitFile(secret, "private.txt", "only alice\n");
      await gitOk(secret, ["push", "--quiet", "origin", "main"]);
      expect((await lsRemote("alice/secret", tokens.alice))["refs/heads/main"]).toBe(secretCommit);

      const scores = await cloneOk("datasets/alice/scores", tokens.alice);
      const scoresCommit = await commitFile(scores, "scores.csv", "task,score\nhle,0.5\n");
      await gitOk(scores, ["tag", "v1"]);
      await gitOk(scores, ["push", "--quiet", "origin", "main", "main:refs/heads/draft", "refs/tags/v1"]);
      const refs = await lsRemote("datasets/alice/scores");
      expect(refs["refs/heads/main"]).toBe(scoresCommit);
      expect(refs["refs/heads/draft"]).toBe(scoresCommit);
      expect(refs["refs/tags/v1"]).toBe(scoresCommit);

      await gitOk(scores, ["push", "--quiet", "origin", ":draft"]);
      expect(Object.keys(await lsRemote("datasets/alice/scores"))).not.toContain("refs/heads/draft");
    });

    async function expectPushRefused(path: string, token: string, refspecs: string[], message: RegExp, kind: RepoKind = "model"): Promise<void> {
      const hub = getHub();
      const id = path.replace(/^datasets\//, "").replace(/\.git$/, "");
      const before = await refSnapshot(hub, id, kind);
      const work = await cloneOk(path, tokens.alice);
      await commitFile(work, `refused-${Math.random().toString(36).slice(2)}.txt`, "should not land\n");
      await gitOk(work, ["remote", "set-url", "origin", remote(path, token)]);
      const push = await git(work, ["push", "origin", ...refspecs]);
      expect(push.code).not.toBe(0);
      expect(push.stderr).toMatch(message);
      expect(await refSnapshot(hub, id, kind)).toEqual(before);
    }

    it("a stranger's push to a public repository is refused with a message git shows", async () => {
      const before = (await lsRemote("alice/open"))["refs/heads/main"];
      await expectPushRefused("alice/open", tokens.bob, ["main"], /remote rejected\].*You don't have write access to alice\/open/);
      expect((await lsRemote("alice/open"))["refs/heads/main"]).toBe(before);
    });

    it("a push with a read token is refused", async () => {
      await expectPushRefused("alice/open.git", tokens.aliceRead, ["main"], /You don't have write access to alice\/open/);
      await expectPushRefused("datasets/alice/scores", tokens.aliceRead, ["main"], /You don't have write access to alice\/scores/, "dataset");
    });

    it("a stranger's push to a private repository gets 'not found'", async () => {
      await expectPushRefused("alice/secret", tokens.bob, ["main"], /not found/i);
    });

    it("refs/pr/N without pull request N is refused, even to the owner", async () => {
      await expectPushRefused("alice/open", tokens.alice, ["HEAD:refs/pr/1"], /remote rejected\].*pull request #1 does not exist in alice\/open; open it first/);
      await expectPushRefused("alice/open", tokens.alice, ["HEAD:refs/pr/x"], /refs\/pr\/x is not a pull request ref/);
    });

    it("refs outside branches and tags are refused", async () => {
      await expectPushRefused("alice/open", tokens.alice, ["HEAD:refs/notes/commits"], /refs\/notes\/commits is not a branch or tag/);
    });

    it("one refused ref refuses the whole push", async () => {
      await expectPushRefused("alice/open", tokens.alice, ["main", "HEAD:refs/pr/7"], /pull request #7 does not exist/);
    });

    it("deleting main is refused", async () => {
      const hub = getHub();
      const before = await refSnapshot(hub, "alice/open");
      const work = await cloneOk("alice/open", tokens.alice);
      const push = await git(work, ["push", "origin", ":main"]);
      expect(push.code).not.toBe(0);
      expect(push.stderr).toMatch(/remote rejected\].*Cannot delete refs\/heads\/main/);
      expect(await refSnapshot(hub, "alice/open")).toEqual(before);
    });
  });

  it("logged no git failure along the way", () => {
    expect(getHub().output()).not.toContain("git smart HTTP failed");
  });
});
