import { beforeAll, describe, expect, it } from "vitest";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { commitToPullRequestOk, details, discussionsPath, openDiscussion, postTo, type DiscussionBody, type EventBody } from "../support/discussions.ts";
import { call, createRepoAs, fileLine, headerLine, ndjson, postCommit, refOf } from "../support/write-api.ts";

interface ListBody {
  discussions: DiscussionBody[];
  count: number;
  start: number;
}

describeEachDialectWithHub("discussions API", (getHub) => {
  const tokens = { alice: "", bob: "" };
  const repo = "alice/talk";

  beforeAll(async () => {
    const hub = getHub();
    tokens.alice = await hub.createUser("alice");
    tokens.bob = await hub.createUser("bob");
    await createRepoAs(hub, tokens.alice, repo);
  });

  const list = async (query = "", token?: string): Promise<ListBody> => {
    const res = await call(getHub(), "GET", `${discussionsPath(repo)}${query}`, { token });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as ListBody;
  };
  const nums = async (query = "") => (await list(query)).discussions.map((d) => d.num);

  describe("opening", () => {
    it("opens a discussion whose description is its first comment, stored as written", async () => {
      const hub = getHub();
      const markdown = "Is **this** right? <img src=x onerror=alert(1)>";
      const res = await call(hub, "POST", discussionsPath(repo), { token: tokens.bob, json: { title: "  Score looks high  ", description: markdown, pullRequest: false } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as DiscussionBody;
      expect(body).toMatchObject({ num: 1, title: "Score looks high", status: "open", isPullRequest: false, author: { name: "bob" }, repo: { name: repo, type: "model" } });
      expect(body.gitRef).toBeUndefined();
      const opened = await details(hub, undefined, repo, 1);
      expect(opened.events).toHaveLength(1);
      expect(opened.events[0]).toMatchObject({ type: "comment", author: { name: "bob" }, data: { edited: false, hidden: false, latest: { raw: markdown }, history: [] } });
      expect(opened.events[0]?.id).toMatch(/^[0-9a-f]{24}$/);
      expect(opened.changes).toBeUndefined();
      expect(await refOf(hub, repo, "refs/pr/1")).toBeNull();
    });

    it("opens a pull request as a draft with refs/pr/N at the head of main at once", async () => {
      const hub = getHub();
      const num = await openDiscussion(hub, tokens.bob, repo, { title: "Add MMLU", description: "New result", pullRequest: true });
      expect(num).toBe(2);
      const pr = await details(hub, tokens.bob, repo, 2, { diff: true });
      expect(pr).toMatchObject({ status: "draft", isPullRequest: true, gitRef: "refs/pr/2", changes: { base: "refs/heads/main", files: [] }, filesWithConflicts: [], diff: "" });
      expect(await refOf(hub, repo, "refs/pr/2")).toBe(await refOf(hub, repo));
    });

    it("turns a draft into an open pull request with its first commit, recording a commit event", async () => {
      const hub = getHub();
      const oid = await commitToPullRequestOk(hub, tokens.bob, repo, 2, { ".eval_results/mmlu.yaml": "value: 55.3\n" }, "Add MMLU result");
      const pr = await details(hub, undefined, repo, 2, { diff: true });
      expect(pr.status).toBe("open");
      expect(pr.events.map((e) => e.type)).toEqual(["comment", "commit"]);
      expect(pr.events[1]).toMatchObject({ author: { name: "bob" }, data: { subject: "Add MMLU result", oid } });
      expect(pr.changes).toMatchObject({ base: "refs/heads/main", head: oid, files: [{ path: ".eval_results/mmlu.yaml", status: "added" }] });
      expect(pr.diff).toContain("+++ b/.eval_results/mmlu.yaml\n@@ -0,0 +1 @@\n+value: 55.3\n");
      expect(pr.changes?.mergeCommitId).toBeUndefined();
    });

    it("shares the number sequence with pull requests opened by a commit, which record their opening", async () => {
      const hub = getHub();
      const res = await postCommit(hub, tokens.bob, repo, ndjson(headerLine("Add HLE", { description: "From the **HLE** run" }), fileLine("hle.yaml", "v: 1\n")), { createPr: true });
      expect(res.status).toBe(200);
      const { commitOid, pullRequestUrl } = (await res.json()) as { commitOid: string; pullRequestUrl: string };
      expect(pullRequestUrl).toBe(`${hub.url}/${repo}/discussions/3`);
      const pr = await details(hub, undefined, repo, 3);
      expect(pr).toMatchObject({ title: "Add HLE", status: "open", author: { name: "bob" } });
      expect(pr.events.map((e) => [e.type, e.data.latest?.raw ?? e.data.oid])).toEqual([["comment", "From the **HLE** run"], ["commit", commitOid]]);
      expect(await openDiscussion(hub, tokens.alice, repo, { title: "Roadmap", description: "" })).toBe(4);
      expect((await details(hub, undefined, repo, 4)).events).toEqual([]);
    });

    it("refuses bad input with a 400 and opens nothing", async () => {
      const hub = getHub();
      const cases: unknown[] = [{ title: "   ", description: "x" }, { title: "x".repeat(301) }, { title: "two\nlines" }, { description: "no title" }, { title: "x", description: "nul\u0000" }, { title: 42 }];
      for (const json of cases) {
        const res = await call(hub, "POST", discussionsPath(repo), { token: tokens.bob, json });
        expect(res.status, JSON.stringify(json)).toBe(400);
        expect(res.headers.get("x-error-code")).toBeTruthy();
      }
      const notJson = await call(hub, "POST", discussionsPath(repo), { token: tokens.bob, body: "{nope", headers: { "content-type": "application/json" } });
      expect(notJson.status).toBe(400);
      expect((await list()).count).toBe(4);
    });
  });

  describe("listing", () => {
    it("lists newest first with count and start, filtered by type, status and author", async () => {
      const all = await list();
      expect(all.discussions.map((d) => d.num)).toEqual([4, 3, 2, 1]);
      expect(all).toMatchObject({ count: 4, start: 0 });
      expect(all.discussions[0]).toMatchObject({ title: "Roadmap", status: "open", isPullRequest: false, author: { name: "alice" }, repo: { name: repo, type: "model" } });
      expect(await nums("?type=pull_request")).toEqual([3, 2]);
      expect(await nums("?type=discussion")).toEqual([4, 1]);
      expect(await nums("?author=BOB")).toEqual([3, 2, 1]);
      expect(await nums("?author=nobody")).toEqual([]);
      expect(await nums("?status=closed")).toEqual([]);
      expect(await nums("?status=open&type=all")).toEqual([4, 3, 2, 1]);
    });

    it("pages with p and limit", async () => {
      expect(await list("?limit=3")).toMatchObject({ count: 4, start: 0 });
      const second = await list("?limit=3&p=1");
      expect(second).toMatchObject({ count: 4, start: 3 });
      expect(second.discussions.map((d) => d.num)).toEqual([1]);
      expect((await list("?limit=3&p=5")).discussions).toEqual([]);
    });

    it("refuses unknown filters with a 400", async () => {
      for (const query of ["?type=issue", "?status=merged", "?p=-x", "?limit=abc"]) {
        const res = await call(getHub(), "GET", `${discussionsPath(repo)}${query}`);
        expect(res.status, query).toBe(400);
        expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      }
    });

    it("answers 404 for a discussion that does not exist", async () => {
      for (const num of ["99", "0", "abc", "1e3"]) {
        const res = await call(getHub(), "GET", `${discussionsPath(repo)}/${num}`);
        expect(res.status, num).toBe(404);
        expect(res.headers.get("x-error-code")).toBe("DiscussionNotFound");
      }
    });
  });

  describe("comments", () => {
    let commentId = "";

    it("posts a comment and answers with it as newMessage", async () => {
      const res = await postTo(getHub(), tokens.alice, repo, 1, "comment", { comment: "Thanks, *checking*." });
      expect(res.status).toBe(200);
      const { newMessage } = (await res.json()) as { newMessage: EventBody };
      expect(newMessage).toMatchObject({ type: "comment", author: { name: "alice" }, data: { edited: false, hidden: false, latest: { raw: "Thanks, *checking*." } } });
      commentId = newMessage.id;
      expect((await details(getHub(), undefined, repo, 1)).events.map((e) => e.id)).toContain(commentId);
    });

    it("lets its author edit it, keeping one history entry per edit", async () => {
      const hub = getHub();
      const first = await postTo(hub, tokens.alice, repo, 1, `comment/${commentId}/edit`, { content: "Thanks, checked." });
      expect(first.status).toBe(200);
      const second = await postTo(hub, tokens.alice, repo, 1, `comment/${commentId.toUpperCase()}/edit`, { content: "Thanks, checked twice." });
      const { updatedComment } = (await second.json()) as { updatedComment: EventBody };
      expect(updatedComment).toMatchObject({ id: commentId, data: { edited: true, hidden: false, latest: { raw: "Thanks, checked twice." } } });
      expect(updatedComment.data.history).toMatchObject([{ raw: "Thanks, *checking*." }, { raw: "Thanks, checked." }]);
      const refused = await postTo(hub, tokens.bob, repo, 1, `comment/${commentId}/edit`, { content: "bob was here" });
      expect(refused.status).toBe(403);
      const stored = (await details(hub, undefined, repo, 1)).events.find((e) => e.id === commentId);
      expect(stored?.data.latest?.raw).toBe("Thanks, checked twice.");
    });

    it("lets writers hide a comment, which leaves a stub without its text", async () => {
      const hub = getHub();
      expect((await postTo(hub, tokens.bob, repo, 1, `comment/${commentId}/hide`)).status).toBe(403);
      const res = await postTo(hub, tokens.alice, repo, 1, `comment/${commentId}/hide`);
      expect(res.status).toBe(200);
      const { updatedComment } = (await res.json()) as { updatedComment: EventBody };
      expect(updatedComment).toMatchObject({ id: commentId, author: { name: "alice" }, data: { hidden: true, edited: true, latest: { raw: "" } } });
      expect(JSON.stringify((await details(hub, undefined, repo, 1)).events)).not.toContain("checked");
      expect(updatedComment.data.history).toHaveLength(2);
      const edit = await postTo(hub, tokens.alice, repo, 1, `comment/${commentId}/edit`, { content: "back" });
      expect(edit.status).toBe(400);
      expect(edit.headers.get("x-error-code")).toBe("CommentHidden");
    });

    it("refuses empty comments, unknown comment ids and non-comment events", async () => {
      const hub = getHub();
      expect((await postTo(hub, tokens.bob, repo, 1, "comment", { comment: "  " })).status).toBe(400);
      expect((await postTo(hub, tokens.bob, repo, 1, "comment", { text: "wrong field" })).status).toBe(400);
      expect((await postTo(hub, tokens.bob, repo, 99, "comment", { comment: "x" })).status).toBe(404);
      const commitEvent = (await details(hub, undefined, repo, 2)).events.find((e) => e.type === "commit");
      for (const id of ["0".repeat(24), "not-an-id", commitEvent?.id ?? ""]) {
        const res = await postTo(hub, tokens.alice, repo, 2, `comment/${id}/edit`, { content: "x" });
        expect(res.status, id).toBe(404);
        expect(res.headers.get("x-error-code")).toBe("CommentNotFound");
      }
      // A comment id from another discussion is not found in this one.
      const elsewhere = (await details(hub, undefined, repo, 2)).events[0]?.id ?? "";
      expect((await postTo(hub, tokens.bob, repo, 1, `comment/${elsewhere}/edit`, { content: "x" })).status).toBe(404);
    });
  });

  describe("status and title", () => {
    it("closes with a comment, then reopens; each is an event by whoever did it", async () => {
      const hub = getHub();
      const closed = await postTo(hub, tokens.bob, repo, 1, "status", { status: "closed", comment: "Answered." });
      expect(closed.status).toBe(200);
      expect(((await closed.json()) as { newStatus: EventBody }).newStatus).toMatchObject({ type: "status-change", author: { name: "bob" }, data: { status: "closed" } });
      expect(await nums("?status=closed")).toEqual([1]);
      expect(await nums("?status=open")).toEqual([4, 3, 2]);
      const again = await postTo(hub, tokens.bob, repo, 1, "status", { status: "closed" });
      expect(again.status).toBe(400);
      expect(again.headers.get("x-error-code")).toBe("StatusUnchanged");
      const reopened = await postTo(hub, tokens.alice, repo, 1, "status", { status: "open" });
      expect(((await reopened.json()) as { newStatus: EventBody }).newStatus).toMatchObject({ author: { name: "alice" }, data: { status: "open" } });
      const events = (await details(hub, undefined, repo, 1)).events;
      expect(events.slice(-3).map((e) => [e.type, e.data.status ?? e.data.latest?.raw])).toEqual([["comment", "Answered."], ["status-change", "closed"], ["status-change", "open"]]);
      expect((await postTo(hub, tokens.bob, repo, 1, "status", { status: "merged" })).status).toBe(400);
    });

    it("renames, recording the old and the new title", async () => {
      const hub = getHub();
      const res = await postTo(hub, tokens.bob, repo, 2, "title", { title: "Add MMLU-Pro" });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { newTitle: EventBody }).newTitle).toMatchObject({ type: "title-change", author: { name: "bob" }, data: { from: "Add MMLU", to: "Add MMLU-Pro" } });
      expect((await list()).discussions.find((d) => d.num === 2)?.title).toBe("Add MMLU-Pro");
      expect((await postTo(hub, tokens.bob, repo, 2, "title", { title: "Add MMLU-Pro" })).status).toBe(400);
      expect((await postTo(hub, tokens.bob, repo, 2, "title", { title: "" })).status).toBe(400);
    });
  });

  describe("repositories", () => {
    it("works on datasets and keeps each repository's numbers apart", async () => {
      const hub = getHub();
      await createRepoAs(hub, tokens.alice, "alice/scores", { kind: "dataset" });
      expect(await openDiscussion(hub, tokens.bob, "alice/scores", { title: "Typo in eval.yaml", pullRequest: true }, "dataset")).toBe(1);
      expect(await refOf(hub, "alice/scores", "refs/pr/1", "dataset")).not.toBeNull();
      expect((await details(hub, undefined, "alice/scores", 1, { kind: "dataset" })).repo).toEqual({ name: "alice/scores", type: "dataset" });
    });

    it("hides the discussions of a private repository from those who cannot read it", async () => {
      const hub = getHub();
      await createRepoAs(hub, tokens.alice, "alice/secret", { private: true });
      await openDiscussion(hub, tokens.alice, "alice/secret", { title: "internal" });
      for (const token of [undefined, tokens.bob]) {
        const res = await call(hub, "GET", discussionsPath("alice/secret"), { token });
        expect(res.status).toBe(404);
        expect(res.headers.get("x-error-code")).toBe("RepoNotFound");
      }
      expect((await call(hub, "GET", discussionsPath("alice/secret"), { token: tokens.alice })).status).toBe(200);
    });
  });
});
