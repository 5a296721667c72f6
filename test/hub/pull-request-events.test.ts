import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createCommit } from "../../src/git/commit.ts";
import { readRef } from "../../src/git/refs.ts";
import { commitFiles } from "../../src/hub/commits/commit-files.ts";
import { resolveCommitTarget } from "../../src/hub/commits/commit-target.ts";
import { changeStatus } from "../../src/hub/discussions/change-status.ts";
import { discussionDetails } from "../../src/hub/discussions/discussion-details.ts";
import { mergePullRequest } from "../../src/hub/discussions/merge-pull-request.ts";
import { openDiscussion } from "../../src/hub/discussions/open-discussion.ts";
import { renameDiscussion } from "../../src/hub/discussions/rename-discussion.ts";
import { gitServingOptions } from "../../src/hub/git-serving.ts";
import { openHub, type Hub } from "../../src/hub/hub.ts";
import { ANONYMOUS, type Actor } from "../../src/hub/policy.ts";
import { PullRequestEvents, type PullRequestChanged } from "../../src/hub/pull-request-events.ts";
import type { Repo } from "../../src/hub/repos.ts";
import { describeEachDialect } from "../support/dialects.ts";

const repo: Repo = {
  id: 1, kind: "model", owner_id: 1, namespace: "alice", name: "model", repo_key: "model:alice/model", private: 0,
  created_at: "2026-01-01T00:00:00.000Z", updated_at: "2026-01-01T00:00:00.000Z",
};
const event: PullRequestChanged = { repo, num: 3, action: "merged", actor: ANONYMOUS };

describe("PullRequestEvents", () => {
  it("awaits every listener in subscription order, keeps going past a failure, then rethrows it", async () => {
    const events = new PullRequestEvents();
    const seen: string[] = [];
    events.subscribe(async (e) => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      seen.push(`first ${e.num} ${e.action}`);
    });
    const unsubscribe = events.subscribe(() => {
      throw new Error("webhook down");
    });
    events.subscribe((e) => void seen.push(`third ${e.repo.name}`));
    await expect(events.emit(event)).rejects.toThrow("webhook down");
    expect(seen).toEqual(["first 3 merged", "third model"]);
    unsubscribe();
    await events.emit(event);
    expect(seen).toHaveLength(4);
  });
});

describeEachDialect("pull request events from the hub", (getDb) => {
  let hub: Hub;
  let dataDir = "";
  let alice: Actor;
  let bob: Actor;
  let model: Repo;
  const seen: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "evalhub-pr-events-"));
    hub = await openHub(loadConfig({ EVALHUB_DATA: dataDir, DATABASE_URL: getDb().url, LOG_LEVEL: "silent" }), pino({ level: "silent" }));
    alice = { user: await hub.accounts.createUser({ name: "alice" }), tokenRole: "write" };
    bob = { user: await hub.accounts.createUser({ name: "bob" }), tokenRole: "write" };
    model = await hub.repos.create(alice, { kind: "model", namespace: "alice", name: "model", private: false });
    // Both listeners take a moment: whatever they record was awaited before the operation returned.
    hub.refEvents.subscribe(async (e) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      for (const ref of e.refs) seen.push(`ref ${ref.ref}`);
    });
    hub.pullRequestEvents.subscribe(async (e) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(`#${e.num} ${e.action} by ${e.actor.user?.name ?? "?"} in ${e.repo.name}`);
    });
  });
  afterAll(async () => {
    await hub.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const taken = () => seen.splice(0);
  const write = (path: string, content: string) => ({ summary: `write ${path}`, description: "", parentCommit: null, operations: [{ op: "write" as const, path, content: Buffer.from(content) }] });

  it("emits opened for a pull request opened by a commit and through the discussions API, not for a discussion", async () => {
    await commitFiles(hub, bob, model, await resolveCommitTarget(hub, bob, model, "main", true), write("a.yaml", "a"));
    expect(taken()).toEqual(["ref refs/pr/1", "#1 opened by bob in model"]);
    await openDiscussion(hub, bob, model, { title: "Proposal", description: "", pullRequest: true });
    expect(taken()).toEqual(["ref refs/pr/2", "#2 opened by bob in model"]);
    await openDiscussion(hub, bob, model, { title: "Question", description: "?", pullRequest: false });
    expect(taken()).toEqual([]);
  });

  it("emits committed after the ref moved, for the commit API and for git pushes", async () => {
    await commitFiles(hub, bob, model, await resolveCommitTarget(hub, bob, model, "refs/pr/2", false), write("b.yaml", "b"));
    expect(taken()).toEqual(["ref refs/pr/2", "#2 committed by bob in model"]);

    const gitDir = hub.repos.gitDir(model);
    const oldOid = (await readRef(gitDir, "refs/pr/1")) as string;
    const pushed = await createCommit(gitDir, { parent: oldOid, branchRef: "refs/pr/1", expectedHead: oldOid, changes: [{ path: "c.yaml", content: "c" }], message: "Pushed c", author: { name: "bob", email: "bob@example.org" } });
    if (!pushed.ok) throw new Error("commit did not land");
    await gitServingOptions(hub, bob, model, "git-receive-pack").onRefsUpdated?.([{ ref: "refs/pr/1", oldOid, newOid: pushed.commit, kind: "update", forced: false }]);
    expect(taken()).toEqual(["ref refs/pr/1", "#1 committed by bob in model"]);
    const { events } = await discussionDetails(hub, model, 1, { diff: false });
    expect(events.at(-1)).toMatchObject({ kind: "commit", actor: { name: "bob" }, payload: { oid: pushed.commit, subject: "Pushed c" } });
  });

  it("emits renamed, closed, reopened and merged; a failing listener does not undo the change", async () => {
    await renameDiscussion(hub, bob, model, 2, "Better proposal");
    await changeStatus(hub, bob, model, 2, "closed");
    await changeStatus(hub, bob, model, 2, "open");
    await changeStatus(hub, bob, model, 3, "closed");
    expect(taken()).toEqual(["#2 renamed by bob in model", "#2 closed by bob in model", "#2 reopened by bob in model"]);

    const unsubscribe = hub.pullRequestEvents.subscribe(() => Promise.reject(new Error("index down")));
    const outcome = await mergePullRequest(hub, alice, model, 2);
    unsubscribe();
    expect(taken()).toEqual(["ref refs/heads/main", "#2 merged by alice in model"]);
    expect(await readRef(hub.repos.gitDir(model), "refs/heads/main")).toBe(outcome.commit);
    expect((await discussionDetails(hub, model, 2, { diff: false })).discussion.status).toBe("merged");
  });
});
