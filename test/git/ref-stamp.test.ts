import { describe, expect, it } from "vitest";
import { refStamp } from "../../src/git/ref-stamp.ts";
import { runGit } from "../../src/git/run.ts";
import { deleteRef, updateRef } from "../../src/git/update-ref.ts";
import { commitOn, newBareRepo } from "./fixtures.ts";

describe("refStamp", () => {
  it("stays the same while no ref moves and changes with every kind of ref update", async () => {
    const repo = await newBareRepo();
    const first = await commitOn(repo, null, [{ path: "a", content: "1" }]);
    const second = await commitOn(repo, first, [{ path: "a", content: "2" }], { ref: "refs/heads/other", expectedHead: null });
    const stamps = [await refStamp(repo)];
    expect(stamps[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(await refStamp(repo)).toBe(stamps[0]);
    await runGit(repo, ["cat-file", "-p", first]);
    expect(await refStamp(repo)).toBe(stamps[0]);

    const steps: (() => Promise<unknown>)[] = [
      () => updateRef(repo, "refs/heads/main", second, first),
      () => updateRef(repo, "refs/heads/main", first, second),
      () => updateRef(repo, "refs/pr/1", first, null),
      () => runGit(repo, ["pack-refs", "--all"]),
      () => updateRef(repo, "refs/pr/1", second, first),
      () => deleteRef(repo, "refs/heads/other", second),
    ];
    for (const step of steps) {
      await step();
      const stamp = await refStamp(repo);
      expect(stamps).not.toContain(stamp);
      stamps.push(stamp);
    }
  });

  it("cannot tell for a repository it cannot read", async () => {
    expect(await refStamp("/nonexistent/repo.git")).toBeNull();
  });
});
