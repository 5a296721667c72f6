import { createHash } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { log } from "../../src/git/log.ts";
import { readTree } from "../../src/git/tree.ts";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { repoGitDir } from "../support/repo-content.ts";
import { call, commitCount, createRepoAs, deletedFileLine, fileAt, fileLine, headerLine, ndjson, postCommit, refOf } from "../support/write-api.ts";

interface CommitBody {
  success: boolean;
  commitOid: string;
  commitUrl: string;
  hookOutput: string;
  pullRequestUrl?: string;
}

const gitBlobId = (content: string) => createHash("sha1").update(`blob ${Buffer.byteLength(content)}\0${content}`).digest("hex");

describeEachDialectWithHub("POST /api/{T}/{id}/commit/{rev} and preupload", (getHub) => {
  let alice = "";
  let bob = "";
  beforeAll(async () => {
    alice = await getHub().createUser("alice");
    bob = await getHub().createUser("bob");
  });

  async function commitOk(token: string, id: string, body: string, options: { rev?: string; createPr?: boolean } = {}): Promise<CommitBody> {
    const res = await postCommit(getHub(), token, id, body, options);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as CommitBody;
  }

  it("commits files atomically on main and answers in HF's shape", async () => {
    const hub = getHub();
    await createRepoAs(hub, alice, "alice/atomic");
    const before = await refOf(hub, "alice/atomic");
    const body = await commitOk(alice, "alice/atomic", ndjson(
      headerLine("Add results", { description: "From the nightly run." }),
      fileLine(".eval_results/hle.yaml", "- value: 0.5\n"),
      { key: "file", value: { path: "notes.txt", content: "plain text ✓", encoding: "utf-8" } },
      fileLine("empty.txt", ""),
    ));
    expect(body.success).toBe(true);
    expect(body.hookOutput).toBe("");
    expect(body.commitOid).toMatch(/^[0-9a-f]{40}$/);
    expect(body.commitUrl).toBe(`${hub.url}/alice/atomic/commit/${body.commitOid}`);
    expect(body.pullRequestUrl).toBeUndefined();
    expect(await refOf(hub, "alice/atomic")).toBe(body.commitOid);
    expect(await commitCount(hub, "alice/atomic")).toBe(2);

    expect(await fileAt(hub, "alice/atomic", ".eval_results/hle.yaml")).toBe("- value: 0.5\n");
    expect(await fileAt(hub, "alice/atomic", "notes.txt")).toBe("plain text ✓");
    expect(await fileAt(hub, "alice/atomic", "empty.txt")).toBe("");

    const [commit] = await log(repoGitDir(hub, "model", "alice/atomic"), "refs/heads/main", { limit: 1 });
    expect(commit?.parents).toEqual([before]);
    expect(commit?.title).toBe("Add results");
    expect(commit?.body).toBe("From the nightly run.");
    expect(commit?.authorName).toBe("alice");
    expect(commit?.authorEmail).toBe("alice@users.evalhub");
  });

  it("accepts Python's body: trailing newline, empty description, parentCommit equal to the head", async () => {
    const hub = getHub();
    await createRepoAs(hub, alice, "alice/python-shaped");
    const head = await refOf(hub, "alice/python-shaped");
    const body = `${ndjson(headerLine("Upload a.txt", { parentCommit: head }), fileLine("a.txt", "a\n"))}\n`;
    const result = await commitOk(alice, "alice/python-shaped", body);
    const [commit] = await log(repoGitDir(hub, "model", "alice/python-shaped"), "refs/heads/main", { limit: 1 });
    expect(commit?.id).toBe(result.commitOid);
    expect(commit?.message).toBe("Upload a.txt");
  });

  it("deletes files and folders, and lets a later line on the same path win", async () => {
    const hub = getHub();
    await createRepoAs(hub, alice, "alice/deletes");
    await commitOk(alice, "alice/deletes", ndjson(headerLine("seed"), fileLine("keep.txt", "k"), fileLine("drop.txt", "d"), fileLine("logs/a.json", "{}"), fileLine("logs/b/c.json", "{}")));
    await commitOk(alice, "alice/deletes", ndjson(
      headerLine("clean up"),
      deletedFileLine("drop.txt"),
      { key: "deletedFolder", value: { path: "logs/" } },
      fileLine("keep.txt", "first"),
      fileLine("keep.txt", "second"),
    ));
    const files = (await readTree(repoGitDir(hub, "model", "alice/deletes"), "refs/heads/main", { recursive: true }))?.map((e) => e.path).sort();
    expect(files).toEqual([".gitattributes", "keep.txt"]);
    expect(await fileAt(hub, "alice/deletes", "keep.txt")).toBe("second");
  });

  it("commits to another branch, given encoded or as refs/heads/…", async () => {
    const hub = getHub();
    await createRepoAs(hub, alice, "alice/branches");
    expect((await call(hub, "POST", "/api/models/alice/branches/branch/feat%2Fx", { token: alice, json: {} })).status).toBe(200);
    const main = await refOf(hub, "alice/branches");
    const first = await commitOk(alice, "alice/branches", ndjson(headerLine("on feat/x"), fileLine("x.txt", "x")), { rev: "feat/x" });
    const second = await commitOk(alice, "alice/branches", ndjson(headerLine("again"), fileLine("y.txt", "y")), { rev: "refs/heads/feat/x" });
    expect(await refOf(hub, "alice/branches", "refs/heads/feat/x")).toBe(second.commitOid);
    expect(await refOf(hub, "alice/branches")).toBe(main);
    const [latest] = await log(repoGitDir(hub, "model", "alice/branches"), "refs/heads/feat/x", { limit: 1 });
    expect(latest?.parents).toEqual([first.commitOid]);
  });

  it("answers 404 RevisionNotFound for a branch or pull request that does not exist", async () => {
    const hub = getHub();
    await createRepoAs(hub, alice, "alice/missing-rev");
    for (const rev of ["nope", "refs/pr/9", "v1.0"]) {
      const res = await postCommit(hub, alice, "alice/missing-rev", ndjson(headerLine("x"), fileLine("a", "a")), { rev });
      expect(res.status).toBe(404);
      expect(res.headers.get("x-error-code")).toBe("RevisionNotFound");
    }
    expect(await commitCount(hub, "alice/missing-rev")).toBe(1);
  });

  it("lets exactly one of two commits from the same parent land; the other gets 412", async () => {
    const hub = getHub();
    await createRepoAs(hub, alice, "alice/race");
    const head = await refOf(hub, "alice/race");
    const results = await Promise.all(
      ["one", "two"].map((name) => postCommit(hub, alice, "alice/race", ndjson(headerLine(name, { parentCommit: head }), fileLine(`${name}.txt`, name)))),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    expect(await commitCount(hub, "alice/race")).toBe(2);
  });

  it("tells preupload the blob id of files already there, and always regular mode", async () => {
    const hub = getHub();
    await createRepoAs(hub, alice, "alice/preupload");
    const committed = await commitOk(alice, "alice/preupload", ndjson(headerLine("seed"), fileLine("a.txt", "same\n")));
    const res = await call(hub, "POST", "/api/models/alice/preupload/preupload/main", {
      token: alice,
      json: { files: [{ path: "a.txt", size: 5, sample: Buffer.from("same\n").toString("base64") }, { path: "new/b.txt", sample: "", size: 0 }] },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      files: [
        { path: "a.txt", uploadMode: "regular", shouldIgnore: false, oid: gitBlobId("same\n") },
        { path: "new/b.txt", uploadMode: "regular", shouldIgnore: false },
      ],
      commitOid: committed.commitOid,
    });
  });

  it("opens pull requests with create_pr=1: refs/pr/N, numbered from 1, main untouched", async () => {
    const hub = getHub();
    await createRepoAs(hub, alice, "alice/prs");
    const main = await refOf(hub, "alice/prs");

    const preupload = await call(hub, "POST", "/api/models/alice/prs/preupload/main?create_pr=1", { token: bob, json: { files: [{ path: "r.yaml", size: 3, sample: "" }] } });
    expect(preupload.status).toBe(200);

    // Anyone signed in who can read the repository may open one.
    const first = await commitOk(bob, "alice/prs", ndjson(headerLine("Add my result"), fileLine(".eval_results/bob.yaml", "- value: 1\n")), { createPr: true });
    expect(first.pullRequestUrl).toBe(`${hub.url}/alice/prs/discussions/1`);
    expect(first.commitUrl).toBe(`${hub.url}/alice/prs/commit/${first.commitOid}`);
    expect(await refOf(hub, "alice/prs", "refs/pr/1")).toBe(first.commitOid);
    expect(await refOf(hub, "alice/prs")).toBe(main);
    expect(await fileAt(hub, "alice/prs", ".eval_results/bob.yaml", "refs/pr/1")).toBe("- value: 1\n");
    expect(await fileAt(hub, "alice/prs", ".eval_results/bob.yaml")).toBeNull();
    const [prCommit] = await log(repoGitDir(hub, "model", "alice/prs"), "refs/pr/1", { limit: 1 });
    expect(prCommit?.parents).toEqual([main]);
    expect(prCommit?.authorName).toBe("bob");

    const second = await commitOk(alice, "alice/prs", ndjson(headerLine("Another")), { createPr: true, rev: "main" });
    expect(second.pullRequestUrl).toBe(`${hub.url}/alice/prs/discussions/2`);
    expect(await refOf(hub, "alice/prs", "refs/pr/2")).toBe(second.commitOid);
  });

  it("gives pull requests opened at the same time distinct numbers", async () => {
    const hub = getHub();
    await createRepoAs(hub, alice, "alice/pr-burst");
    const opened = await Promise.all(
      Array.from({ length: 6 }, (_, i) => commitOk(i % 2 ? alice : bob, "alice/pr-burst", ndjson(headerLine(`burst ${i}`), fileLine(`${i}.txt`, String(i))), { createPr: true })),
    );
    const numbers = opened.map((o) => Number(/\/discussions\/(\d+)$/.exec(o.pullRequestUrl ?? "")?.[1])).sort((a, b) => a - b);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6]);
    for (const o of opened) {
      const num = /(\d+)$/.exec(o.pullRequestUrl ?? "")?.[1];
      expect(await refOf(hub, "alice/pr-burst", `refs/pr/${num}`)).toBe(o.commitOid);
    }
  });

  it("builds a pull request on the parentCommit it is given", async () => {
    const hub = getHub();
    await createRepoAs(hub, alice, "alice/pr-parent");
    const old = await refOf(hub, "alice/pr-parent");
    await commitOk(alice, "alice/pr-parent", ndjson(headerLine("move main"), fileLine("later.txt", "l")));
    const pr = await commitOk(bob, "alice/pr-parent", ndjson(headerLine("based on the old head", { parentCommit: old }), fileLine("b.txt", "b")), { createPr: true });
    const [commit] = await log(repoGitDir(hub, "model", "alice/pr-parent"), "refs/pr/1", { limit: 1 });
    expect(commit?.id).toBe(pr.commitOid);
    expect(commit?.parents).toEqual([old]);
    expect(await fileAt(hub, "alice/pr-parent", "later.txt", "refs/pr/1")).toBeNull();

    const unknown = await postCommit(hub, bob, "alice/pr-parent", ndjson(headerLine("x", { parentCommit: "1".repeat(40) })), { createPr: true });
    expect(unknown.status).toBe(404);
    expect(await refOf(hub, "alice/pr-parent", "refs/pr/2")).toBeNull();
  });

  it("takes further commits on refs/pr/N (encoded) from writers, without a pullRequestUrl", async () => {
    const hub = getHub();
    await createRepoAs(hub, alice, "alice/pr-follow");
    const opened = await commitOk(bob, "alice/pr-follow", ndjson(headerLine("open"), fileLine("a.txt", "1")), { createPr: true });
    const next = await commitOk(alice, "alice/pr-follow", ndjson(headerLine("fix", { parentCommit: opened.commitOid }), fileLine("a.txt", "2")), { rev: "refs/pr/1" });
    expect(next.pullRequestUrl).toBeUndefined();
    expect(await refOf(hub, "alice/pr-follow", "refs/pr/1")).toBe(next.commitOid);
    expect(await fileAt(hub, "alice/pr-follow", "a.txt", "refs/pr/1")).toBe("2");

    const stale = await postCommit(hub, alice, "alice/pr-follow", ndjson(headerLine("stale", { parentCommit: opened.commitOid }), fileLine("a.txt", "3")), { rev: "refs/pr/1" });
    expect(stale.status).toBe(412);
    expect(await refOf(hub, "alice/pr-follow", "refs/pr/1")).toBe(next.commitOid);
  });

  it("refuses create_pr against something that is not a branch", async () => {
    const hub = getHub();
    await createRepoAs(hub, alice, "alice/pr-base");
    const res = await postCommit(hub, bob, "alice/pr-base", ndjson(headerLine("x")), { createPr: true, rev: "refs/pr/1" });
    expect(res.status).toBe(400);
    const missing = await postCommit(hub, bob, "alice/pr-base", ndjson(headerLine("x")), { createPr: true, rev: "nope" });
    expect(missing.status).toBe(404);
    expect(await refOf(hub, "alice/pr-base", "refs/pr/1")).toBeNull();
  });
});
