import { describe, expect, it } from "vitest";
import { readRefFromFiles } from "../../src/git/ref-files.ts";
import { readRef, resolveRef } from "../../src/git/refs.ts";
import { runGit } from "../../src/git/run.ts";
import { deleteRef, updateRef } from "../../src/git/update-ref.ts";
import { commitOn, newBareRepo } from "./fixtures.ts";

const gitSays = async (repo: string, ref: string) => {
  const { stdout, code } = await runGit(repo, ["rev-parse", "--verify", "--quiet", ref], { allowExitCodes: [1] });
  return code === 0 ? stdout.toString("utf8").trim() : undefined;
};

describe("reading refs from git's files", () => {
  it("agrees with git for loose refs, packed refs, a ref packed then moved, and a deleted one", async () => {
    const repo = await newBareRepo();
    const first = await commitOn(repo, null, [{ path: "a", content: "1" }]);
    const second = await commitOn(repo, first, [{ path: "a", content: "2" }], { ref: "refs/heads/feature/x", expectedHead: null });
    await updateRef(repo, "refs/pr/1", second, null);
    const refs = ["refs/heads/main", "refs/heads/feature/x", "refs/pr/1", "refs/heads/feature", "refs/heads/none"];
    const agree = async () => {
      for (const ref of refs) expect(await readRefFromFiles(repo, ref), ref).toBe(await gitSays(repo, ref));
    };
    await agree();
    await runGit(repo, ["pack-refs", "--all"]);
    expect(await readRefFromFiles(repo, "refs/heads/main")).toBe(first);
    await agree();
    await updateRef(repo, "refs/heads/main", second, first);
    await agree();
    await deleteRef(repo, "refs/heads/feature/x", second);
    await agree();
    expect(await readRef(repo, "refs/heads/feature/x")).toBeNull();
    expect(await resolveRef(repo, "refs/heads/main")).toBe(second);
  });

  it("leaves to git what the files cannot tell: symbolic refs, names git would not store, tags to peel", async () => {
    const repo = await newBareRepo();
    const first = await commitOn(repo, null, [{ path: "a", content: "1" }]);
    await runGit(repo, ["symbolic-ref", "refs/heads/alias", "refs/heads/main"]);
    expect(await readRefFromFiles(repo, "refs/heads/alias")).toBeUndefined();
    expect(await resolveRef(repo, "refs/heads/alias")).toBe(first);
    for (const name of ["refs/heads/../config", "refs/heads/a..b", "HEAD", "config", "refs/heads/x.lock"]) expect(await readRefFromFiles(repo, name), name).toBeUndefined();
    await runGit(repo, ["-c", "user.name=A", "-c", "user.email=a@example.org", "tag", "-a", "-m", "v1", "v1", first]);
    const tagObject = await readRef(repo, "refs/tags/v1");
    expect(tagObject).not.toBe(first);
    expect(tagObject).toBe(await gitSays(repo, "refs/tags/v1"));
    expect(await resolveRef(repo, "refs/tags/v1")).toBe(first);
  });
});
