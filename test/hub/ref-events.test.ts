import { describe, expect, it } from "vitest";
import { ANONYMOUS } from "../../src/hub/policy.ts";
import { RefEvents, type RefsUpdated } from "../../src/hub/ref-events.ts";
import type { Repo } from "../../src/hub/repos.ts";

const repo: Repo = {
  id: 1, kind: "model", owner_id: 1, namespace: "alice", name: "model", repo_key: "model:alice/model", private: 0,
  created_at: "2026-01-01T00:00:00.000Z", updated_at: "2026-01-01T00:00:00.000Z",
};
const event: RefsUpdated = {
  repo,
  actor: ANONYMOUS,
  refs: [{ ref: "refs/heads/main", oldOid: "a".repeat(40), newOid: "b".repeat(40), kind: "update", forced: false }],
};

describe("RefEvents", () => {
  it("awaits every listener in subscription order before emit resolves", async () => {
    const events = new RefEvents();
    const seen: string[] = [];
    events.subscribe(async (e) => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      seen.push(`first ${e.refs[0]?.ref}`);
    });
    events.subscribe((e) => void seen.push(`second ${e.repo.name}`));
    await events.emit(event);
    expect(seen).toEqual(["first refs/heads/main", "second model"]);
  });

  it("stops calling a listener once it unsubscribed", async () => {
    const events = new RefEvents();
    let calls = 0;
    const unsubscribe = events.subscribe(() => void calls++);
    await events.emit(event);
    unsubscribe();
    await events.emit(event);
    expect(calls).toBe(1);
  });

  it("runs the other listeners when one fails, then rethrows its failure", async () => {
    const events = new RefEvents();
    let after = false;
    events.subscribe(() => {
      throw new Error("index down");
    });
    events.subscribe(() => void (after = true));
    await expect(events.emit(event)).rejects.toThrow("index down");
    expect(after).toBe(true);
  });

  it("reports several failures together", async () => {
    const events = new RefEvents();
    events.subscribe(() => Promise.reject(new Error("one")));
    events.subscribe(() => Promise.reject(new Error("two")));
    const failure = await events.emit(event).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AggregateError);
    expect((failure as AggregateError).errors.map((error: Error) => error.message)).toEqual(["one", "two"]);
  });
});
