import { beforeAll, expect, it } from "vitest";
import { log } from "../../src/git/log.ts";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { commitToMain, commitToPullRequest, commitToPullRequestOk, details, openDiscussion, postTo } from "../support/discussions.ts";
import { repoGitDir } from "../support/repo-content.ts";
import { createRepoAs, fileAt, refOf, refSnapshot } from "../support/write-api.ts";

describeEachDialectWithHub("merging pull requests", (getHub) => {
  const tokens = { alice: "", bob: "" };
  const repo = "alice/merges";

  beforeAll(async () => {
    const hub = getHub();
    tokens.alice = await hub.createUser("alice");
    tokens.bob = await hub.createUser("bob");
    await createRepoAs(hub, tokens.alice, repo);
    await commitToMain(hub, tokens.alice, repo, { "scores.yaml": "a: 1\nb: 2\nc: 3\n" });
  });

  /** A pull request by bob with one commit of `files`; returns its number and head. */
  async function proposal(title: string, files: Record<string, string>): Promise<{ num: number; head: string }> {
    const num = await openDiscussion(getHub(), tokens.bob, repo, { title, pullRequest: true });
    return { num, head: await commitToPullRequestOk(getHub(), tokens.bob, repo, num, files) };
  }

  it("fast-forwards main when it has not moved since the pull request started", async () => {
    const hub = getHub();
    const { num, head } = await proposal("Add HLE", { "hle.yaml": "v: 1\n" });
    const merged = await postTo(hub, tokens.alice, repo, num, "merge");
    expect(merged.status, await merged.clone().text()).toBe(200);
    expect(await merged.json()).toEqual({ mergeCommitId: head, fastForward: true });
    expect(await refOf(hub, repo)).toBe(head);
    const after = await details(hub, undefined, repo, num, { diff: true });
    expect(after.status).toBe("merged");
    expect(after.changes?.mergeCommitId).toBe(head);
    expect(after.changes?.files).toEqual([{ path: "hle.yaml", status: "added" }]);
    expect(after.diff).toContain("+v: 1");
    expect(after.events.at(-1)).toMatchObject({ type: "status-change", author: { name: "alice" }, data: { status: "merged", mergeCommitId: head } });
  });

  it("makes a merge commit with both parents when main moved on", async () => {
    const hub = getHub();
    const { num, head } = await proposal("Add GPQA", { "gpqa.yaml": "v: 2\n", "scores.yaml": "a: 1\nb: 2\nc: 30\n" });
    const mainBefore = await commitToMain(hub, tokens.alice, repo, { "scores.yaml": "a: 10\nb: 2\nc: 3\n" });
    const merged = await postTo(hub, tokens.alice, repo, num, "merge", { comment: "Merging, thanks!" });
    expect(merged.status, await merged.clone().text()).toBe(200);
    const { mergeCommitId, fastForward } = (await merged.json()) as { mergeCommitId: string; fastForward: boolean };
    expect(fastForward).toBe(false);
    expect(await refOf(hub, repo)).toBe(mergeCommitId);
    const [commit] = await log(repoGitDir(hub, "model", repo), mergeCommitId, { limit: 1 });
    expect(commit?.parents).toEqual([mainBefore, head]);
    expect(commit?.title).toBe(`Add GPQA (#${num})`);
    expect(commit?.authorName).toBe("alice");
    expect(await fileAt(hub, repo, "scores.yaml")).toBe("a: 10\nb: 2\nc: 30\n");
    expect(await fileAt(hub, repo, "gpqa.yaml")).toBe("v: 2\n");
    const after = await details(hub, undefined, repo, num);
    expect(after.changes?.mergeCommitId).toBe(mergeCommitId);
    expect(after.changes?.files.map((f) => f.path)).toEqual(["gpqa.yaml", "scores.yaml"]);
    expect(after.events.slice(-2).map((e) => [e.type, e.data.status ?? e.data.latest?.raw])).toEqual([["comment", "Merging, thanks!"], ["status-change", "merged"]]);
  });

  it("answers 409 naming the conflicting files and changes nothing", async () => {
    const hub = getHub();
    const { num } = await proposal("Change a", { "scores.yaml": "a: 11\nb: 2\nc: 30\n", "clean.yaml": "ok\n" });
    await commitToMain(hub, tokens.alice, repo, { "scores.yaml": "a: 12\nb: 2\nc: 30\n" });
    const open = await details(hub, undefined, repo, num);
    expect(open.filesWithConflicts).toEqual(["scores.yaml"]);
    const before = await refSnapshot(hub, repo);
    const res = await postTo(hub, tokens.alice, repo, num, "merge");
    expect(res.status).toBe(409);
    expect(res.headers.get("x-error-code")).toBe("MergeConflict");
    const body = (await res.json()) as { error: string; conflictingFiles: string[] };
    expect(body.error).toContain("scores.yaml");
    expect(body.conflictingFiles).toEqual(["scores.yaml"]);
    expect(await refSnapshot(hub, repo)).toEqual(before);
    const after = await details(hub, undefined, repo, num);
    expect(after.status).toBe("open");
    expect(after.events.map((e) => e.type)).toEqual(open.events.map((e) => e.type));
  });

  it("refuses to merge a closed pull request, and merges it once reopened", async () => {
    const hub = getHub();
    const { num, head } = await proposal("Add ARC", { "arc.yaml": "v: 3\n" });
    expect((await postTo(hub, tokens.bob, repo, num, "status", { status: "closed" })).status).toBe(200);
    const before = await refSnapshot(hub, repo);
    const res = await postTo(hub, tokens.alice, repo, num, "merge");
    expect(res.status).toBe(400);
    expect(res.headers.get("x-error-code")).toBe("PullRequestClosed");
    expect(((await res.json()) as { error: string }).error).toMatch(/is closed; reopen it before merging/);
    expect(await refSnapshot(hub, repo)).toEqual(before);
    expect((await details(hub, undefined, repo, num)).status).toBe("closed");
    expect((await postTo(hub, tokens.bob, repo, num, "status", { status: "open" })).status).toBe(200);
    expect((await postTo(hub, tokens.alice, repo, num, "merge")).status).toBe(200);
    expect(await fileAt(hub, repo, "arc.yaml")).toBe("v: 3\n");
    expect(await log(repoGitDir(hub, "model", repo), "main", { limit: 50 }).then((commits) => commits.some((c) => c.id === head))).toBe(true);
  });

  it("takes no more commits or status changes once merged, and cannot merge twice", async () => {
    const hub = getHub();
    const { num } = await proposal("Add MATH", { "math.yaml": "v: 4\n" });
    expect((await postTo(hub, tokens.alice, repo, num, "merge")).status).toBe(200);
    const before = await refSnapshot(hub, repo);
    const again = await postTo(hub, tokens.alice, repo, num, "merge");
    expect(again.status).toBe(400);
    expect(again.headers.get("x-error-code")).toBe("PullRequestMerged");
    const commit = await commitToPullRequest(hub, tokens.bob, repo, num, { "math.yaml": "v: 5\n" });
    expect(commit.status).toBe(400);
    expect(commit.headers.get("x-error-code")).toBe("PullRequestMerged");
    expect((await postTo(hub, tokens.bob, repo, num, "status", { status: "closed" })).status).toBe(400);
    expect(await refSnapshot(hub, repo)).toEqual(before);
  });

  it("refuses what cannot be merged: a pull request without changes, a discussion, a missing number", async () => {
    const hub = getHub();
    const empty = await openDiscussion(hub, tokens.bob, repo, { title: "Nothing yet", pullRequest: true });
    const res = await postTo(hub, tokens.alice, repo, empty, "merge");
    expect(res.status).toBe(400);
    expect(res.headers.get("x-error-code")).toBe("NothingToMerge");
    const discussion = await openDiscussion(hub, tokens.bob, repo, { title: "Just talk" });
    expect((await postTo(hub, tokens.alice, repo, discussion, "merge")).headers.get("x-error-code")).toBe("NotAPullRequest");
    expect((await postTo(hub, tokens.alice, repo, 999, "merge")).status).toBe(404);
  });
});
