import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { encodePktLine, FLUSH_PKT } from "../../src/git/pkt-line.ts";
import type { PushCommand } from "../../src/git/push-commands.ts";
import type { PushedRef } from "../../src/git/push-updates.ts";
import { readRef } from "../../src/git/refs.ts";
import { runGit } from "../../src/git/run.ts";
import type { PushDecision } from "../../src/git/smart-http.ts";
import { handleSmartHttp } from "../../src/git/smart-http.ts";
import { cli, cliOk, commitOn, newBareRepo, tempDir } from "./fixtures.ts";

let repo: string;
let baseUrl: string;
let url: string;
let closeServer: () => Promise<void>;
let decide: (commands: readonly PushCommand[]) => PushDecision;
const authorized: PushCommand[][] = [];
const updated: PushedRef[][] = [];
const errors: unknown[] = [];

beforeAll(async () => {
  repo = await newBareRepo();
  await commitOn(repo, null, [
    { path: "README.md", content: "# Model card\n" },
    { path: ".eval_results/hle.yaml", content: "score: 0.5\n" },
  ]);

  const app = new Hono();
  app.all("/org/model.git/*", async (c) => {
    const subpath = c.req.path.slice("/org/model.git/".length);
    const response = await handleSmartHttp(c.req.raw, subpath, {
      repoPath: repo,
      authorizePush: (commands) => {
        authorized.push([...commands]);
        return decide(commands);
      },
      onRefsUpdated: (updates) => {
        updated.push([...updates]);
      },
      onError: (error) => errors.push(error),
    });
    return response ?? c.notFound();
  });

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  url = `${baseUrl}/org/model.git`;
  closeServer = () => new Promise((resolve) => server.close(() => resolve()));
});

afterAll(async () => {
  await closeServer();
});

beforeEach(() => {
  decide = () => ({ ok: true });
  authorized.length = 0;
  updated.length = 0;
  errors.length = 0;
});

async function freshClone(): Promise<string> {
  const dir = await tempDir();
  await cliOk(dir, ["clone", "--quiet", url, "work"]);
  return join(dir, "work");
}

async function commitInClone(work: string, file: string, content: string | Buffer, message: string): Promise<string> {
  await writeFile(join(work, file), content);
  await cliOk(work, ["add", file]);
  await cliOk(work, ["commit", "--quiet", "-m", message]);
  return (await cliOk(work, ["rev-parse", "HEAD"])).trim();
}

describe("smart HTTP", () => {
  it("serves a clone that git can check out", async () => {
    const work = await freshClone();
    expect((await cliOk(work, ["show", "HEAD:.eval_results/hle.yaml"]))).toBe("score: 0.5\n");
    expect((await cliOk(work, ["rev-parse", "HEAD"])).trim()).toBe(await readRef(repo, "refs/heads/main"));
    expect(errors).toEqual([]);
  });

  it("accepts a push that authorizePush allows and reports the moved refs", async () => {
    const work = await freshClone();
    const before = await readRef(repo, "refs/heads/main");
    const after = await commitInClone(work, "notes.md", "new\n", "Add notes");
    await cliOk(work, ["push", "--quiet", "origin", "main"]);

    expect(await readRef(repo, "refs/heads/main")).toBe(after);
    const expected = { ref: "refs/heads/main", oldOid: before, newOid: after, kind: "update" };
    expect(authorized).toEqual([[expected]]);
    expect(updated).toEqual([[{ ...expected, forced: false }]]);
    expect(errors).toEqual([]);
  });

  it("refuses a push before any ref moves, with the message in git's output", async () => {
    const work = await freshClone();
    const before = await readRef(repo, "refs/heads/main");
    const rejected = await commitInClone(work, "evil.md", "x\n", "Not allowed");
    decide = () => ({ ok: false, message: "You need write access to org/model" });

    const result = await cli(work, ["push", "origin", "main"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("! [remote rejected] main -> main (You need write access to org/model)");
    expect(result.stderr).toContain("remote: You need write access to org/model");
    expect(await readRef(repo, "refs/heads/main")).toBe(before);
    expect(updated).toEqual([]);
    // git never saw the pack, so not even the objects arrived
    const present = await runGit(repo, ["cat-file", "-e", rejected], { allowExitCodes: [1, 128] });
    expect(present.code).not.toBe(0);
  });

  it("passes every command of a multi-ref push to authorizePush and refuses them all", async () => {
    const work = await freshClone();
    await commitInClone(work, "pr.md", "pr\n", "PR change");
    decide = (commands) => (commands.some((c) => c.ref.startsWith("refs/tags/")) ? { ok: false, message: "tags are read-only" } : { ok: true });
    await cliOk(work, ["tag", "v9"]);

    const result = await cli(work, ["push", "origin", "HEAD:refs/pr/7", "v9"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/\[remote rejected\] HEAD -> refs\/pr\/7 \(tags are read-only\)/);
    expect(result.stderr).toMatch(/\[remote rejected\] v9 -> v9 \(tags are read-only\)/);
    expect(authorized[0]?.map((c) => [c.ref, c.kind])).toEqual([
      ["refs/pr/7", "create"],
      ["refs/tags/v9", "create"],
    ]);
    expect(await readRef(repo, "refs/pr/7")).toBeNull();
  });

  it("creates and deletes pull request refs and reports force-pushes", async () => {
    const work = await freshClone();
    const base = (await cliOk(work, ["rev-parse", "HEAD"])).trim();
    const first = await commitInClone(work, "a.md", "a\n", "First");
    await cliOk(work, ["push", "--quiet", "origin", "HEAD:refs/pr/1"]);
    expect(updated.at(-1)).toEqual([{ ref: "refs/pr/1", oldOid: "0".repeat(40), newOid: first, kind: "create", forced: false }]);

    await cliOk(work, ["reset", "--quiet", "--hard", base]);
    const rewritten = await commitInClone(work, "b.md", "b\n", "Rewritten");
    await cliOk(work, ["push", "--quiet", "--force", "origin", "HEAD:refs/pr/1"]);
    expect(updated.at(-1)).toEqual([{ ref: "refs/pr/1", oldOid: first, newOid: rewritten, kind: "update", forced: true }]);
    expect(await readRef(repo, "refs/pr/1")).toBe(rewritten);

    await cliOk(work, ["push", "--quiet", "origin", "--delete", "refs/pr/1"]);
    expect(updated.at(-1)).toEqual([{ ref: "refs/pr/1", oldOid: rewritten, newOid: "0".repeat(40), kind: "delete", forced: false }]);
    expect(await readRef(repo, "refs/pr/1")).toBeNull();
  });

  it("streams a push larger than git's post buffer", async () => {
    const work = await freshClone();
    const big = randomBytes(3 * 1024 * 1024);
    const head = await commitInClone(work, "weights.bin", big, "Add a large file");
    const push = await cli(work, ["push", "--quiet", "origin", "main"], { GIT_TRACE_CURL: "1", GIT_TRACE_CURL_NO_DATA: "1" });
    expect(push.code).toBe(0);
    expect(push.stderr).toMatch(/Transfer-Encoding: chunked/i);
    expect(await readRef(repo, "refs/heads/main")).toBe(head);
    const { stdout } = await runGit(repo, ["cat-file", "blob", `${head}:weights.bin`]);
    expect(stdout.equals(big)).toBe(true);
    // git probes with an empty command list first; that must not reach authorizePush
    expect(authorized).toHaveLength(1);

    const again = await freshClone();
    expect((await cliOk(again, ["rev-parse", "HEAD"])).trim()).toBe(head);
  });

  it("refuses a large streamed push just as cleanly", async () => {
    const work = await freshClone();
    const before = await readRef(repo, "refs/heads/main");
    await commitInClone(work, "huge.bin", randomBytes(3 * 1024 * 1024), "Too big");
    decide = () => ({ ok: false, message: "Your push was rejected because it contains files larger than 1M" });
    const result = await cli(work, ["push", "origin", "main"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("! [remote rejected] main -> main (Your push was rejected because it contains files larger than 1M)");
    expect(await readRef(repo, "refs/heads/main")).toBe(before);
  });

  it("fetches with protocol v2, including pull request refs", async () => {
    const work = await freshClone();
    const pr = await commitOn(repo, (await readRef(repo, "refs/heads/main")) ?? null, [{ path: "pr.txt", content: "pr" }], {
      ref: "refs/pr/42",
      expectedHead: null,
    });
    const { stderr } = await cli(work, ["-c", "protocol.version=2", "fetch", "origin", "refs/pr/42:pr/42"], { GIT_TRACE_PACKET: "1" });
    expect(stderr).toMatch(/git< version 2/);
    expect(stderr).toMatch(/> command=ls-refs/);
    expect(stderr).toMatch(/fetch> command=fetch/);
    expect((await cliOk(work, ["rev-parse", "pr/42"])).trim()).toBe(pr);
  });

  it("speaks protocol v0 to clients that do not ask for v2", async () => {
    const work = await freshClone();
    const { stderr, code } = await cli(work, ["-c", "protocol.version=0", "fetch", "origin"], { GIT_TRACE_PACKET: "1" });
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/version 2/);
    expect(stderr).toMatch(/git< # service=git-upload-pack/);
  });
});

describe("smart HTTP on the wire", () => {
  it("advertises refs with the service header and no-cache headers", async () => {
    const response = await fetch(`${url}/info/refs?service=git-upload-pack`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/x-git-upload-pack-advertisement");
    expect(response.headers.get("cache-control")).toMatch(/no-cache/);
    const body = await response.text();
    expect(body.startsWith("001e# service=git-upload-pack\n0000")).toBe(true);
    expect(body).toContain("refs/heads/main");

    const push = await fetch(`${url}/info/refs?service=git-receive-pack`);
    expect(push.headers.get("content-type")).toBe("application/x-git-receive-pack-advertisement");
    expect((await push.text()).startsWith("001f# service=git-receive-pack\n0000")).toBe(true);
  });

  it("answers a v2 advertisement without the service header", async () => {
    const response = await fetch(`${url}/info/refs?service=git-upload-pack`, { headers: { "Git-Protocol": "version=2" } });
    expect((await response.text()).startsWith("000eversion 2\n")).toBe(true);
  });

  it("accepts a gzip-compressed request body", async () => {
    const request = Buffer.concat([encodePktLine("command=ls-refs\n"), Buffer.from("0001"), encodePktLine("peel\n"), FLUSH_PKT]);
    const response = await fetch(`${url}/git-upload-pack`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-git-upload-pack-request",
        "Content-Encoding": "gzip",
        "Git-Protocol": "version=2",
      },
      body: gzipSync(request),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/x-git-upload-pack-result");
    const main = await readRef(repo, "refs/heads/main");
    expect(await response.text()).toContain(`${main} refs/heads/main`);
  });

  it("refuses invalid ref names without asking authorizePush", async () => {
    const main = (await readRef(repo, "refs/heads/main")) ?? "";
    const body = Buffer.concat([encodePktLine(`${main} ${"1".repeat(40)} refs/heads/a..b\0report-status side-band-64k\n`), FLUSH_PKT]);
    const response = await fetch(`${url}/git-receive-pack`, {
      method: "POST",
      headers: { "Content-Type": "application/x-git-receive-pack-request" },
      body,
    });
    const text = Buffer.from(await response.arrayBuffer()).toString("latin1");
    expect(text).toContain("unpack ok\n");
    expect(text).toContain("ng refs/heads/a..b invalid ref name refs/heads/a..b\n");
    expect(authorized).toEqual([]);
  });

  it("rejects malformed command lists, dumb HTTP and wrong content types", async () => {
    const garbage = await fetch(`${url}/git-receive-pack`, {
      method: "POST",
      headers: { "Content-Type": "application/x-git-receive-pack-request" },
      body: "zzzz not a pkt-line",
    });
    expect(garbage.status).toBe(400);
    expect((await fetch(`${url}/info/refs`)).status).toBe(403);
    const wrongType = await fetch(`${url}/git-upload-pack`, { method: "POST", headers: { "Content-Type": "text/plain" }, body: "0000" });
    expect(wrongType.status).toBe(415);
    const wrongEncoding = await fetch(`${url}/git-upload-pack`, {
      method: "POST",
      headers: { "Content-Type": "application/x-git-upload-pack-request", "Content-Encoding": "br" },
      body: "0000",
    });
    expect(wrongEncoding.status).toBe(415);
    expect((await fetch(`${url}/objects/info/packs`)).status).toBe(404);
    expect(authorized).toEqual([]);
  });
});
