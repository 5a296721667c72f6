import { stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { identityEnvironment } from "../../src/git/identity.ts";
import { initBare } from "../../src/git/init.ts";
import { listRefs, readDefaultBranch, readRef, resolveRef } from "../../src/git/refs.ts";
import { runGit } from "../../src/git/run.ts";
import { deleteRef, updateRef } from "../../src/git/update-ref.ts";
import { alice, commitOn, newBareRepo, tempDir } from "./fixtures.ts";

describe("initBare", () => {
  it("creates a bare repository on main without sample hooks", async () => {
    const repo = join(await tempDir(), "nested", "r.git");
    await initBare(repo);
    expect((await runGit(repo, ["rev-parse", "--is-bare-repository"])).stdout.toString().trim()).toBe("true");
    expect(await readDefaultBranch(repo)).toBe("main");
    await expect(stat(join(repo, "hooks"))).rejects.toThrow(/ENOENT/);
  });

  it("refuses to reinitialise an existing directory", async () => {
    const repo = await newBareRepo();
    await expect(initBare(repo)).rejects.toThrow(/EEXIST/);
  });
});

describe("resolveRef", () => {
  it("resolves branches, refs/pr/N, HEAD, full and short ids", async () => {
    const repo = await newBareRepo();
    const first = await commitOn(repo, null, [{ path: "a.txt", content: "a" }]);
    const second = await commitOn(repo, first, [{ path: "b.txt", content: "b" }]);
    expect((await updateRef(repo, "refs/pr/1", first, null)).ok).toBe(true);
    expect((await updateRef(repo, "refs/heads/feat/x", first, null)).ok).toBe(true);

    expect(await resolveRef(repo, "main")).toBe(second);
    expect(await resolveRef(repo, "refs/heads/main")).toBe(second);
    expect(await resolveRef(repo, "HEAD")).toBe(second);
    expect(await resolveRef(repo, "refs/pr/1")).toBe(first);
    expect(await resolveRef(repo, "feat/x")).toBe(first);
    expect(await resolveRef(repo, first)).toBe(first);
    expect(await resolveRef(repo, first.slice(0, 10))).toBe(first);
  });

  it("answers null for unknown names, non-commits and revision syntax", async () => {
    const repo = await newBareRepo();
    expect(await resolveRef(repo, "main")).toBeNull(); // no commit yet
    const head = await commitOn(repo, null, [{ path: "a.txt", content: "a" }]);
    const tree = (await runGit(repo, ["rev-parse", `${head}^{tree}`])).stdout.toString().trim();
    expect(await resolveRef(repo, "nope")).toBeNull();
    expect(await resolveRef(repo, "refs/pr/9")).toBeNull();
    expect(await resolveRef(repo, tree)).toBeNull();
    expect(await resolveRef(repo, "main~0")).toBeNull();
    expect(await resolveRef(repo, "0".repeat(40))).toBeNull();
  });
});

describe("listRefs", () => {
  it("lists branches, tags (peeled) and pull request refs", async () => {
    const repo = await newBareRepo();
    const head = await commitOn(repo, null, [{ path: "a.txt", content: "a" }]);
    await updateRef(repo, "refs/pr/2", head, null);
    await updateRef(repo, "refs/tags/v1", head, null);
    await runGit(repo, ["tag", "-a", "-m", "release", "v2", head], { env: identityEnvironment(alice) });

    const refs = await listRefs(repo);
    const byName = new Map(refs.map((ref) => [ref.name, ref]));
    expect(byName.get("refs/heads/main")).toEqual({ name: "refs/heads/main", shortName: "main", kind: "branch", oid: head, commit: head });
    expect(byName.get("refs/pr/2")).toMatchObject({ kind: "pr", shortName: "2", commit: head });
    expect(byName.get("refs/tags/v1")).toMatchObject({ kind: "tag", shortName: "v1", oid: head, commit: head });
    const annotated = byName.get("refs/tags/v2");
    expect(annotated).toMatchObject({ kind: "tag", shortName: "v2", commit: head });
    expect(annotated?.oid).not.toBe(head);
    expect(refs).toHaveLength(4);
  });
});

describe("updateRef and deleteRef", () => {
  it("creates only when the ref does not exist yet", async () => {
    const repo = await newBareRepo();
    const head = await commitOn(repo, null, [{ path: "a", content: "a" }]);
    expect(await updateRef(repo, "refs/heads/other", head, null)).toEqual({ ok: true });
    expect(await updateRef(repo, "refs/heads/other", head, null)).toEqual({ ok: false, reason: "stale", actual: head });
  });

  it("moves a ref only from the expected value", async () => {
    const repo = await newBareRepo();
    const first = await commitOn(repo, null, [{ path: "a", content: "a" }]);
    const second = await commitOn(repo, first, [{ path: "a", content: "b" }]);
    // main is at `second`; someone who still thinks it is at `first` loses
    expect(await updateRef(repo, "refs/heads/main", first, first)).toEqual({ ok: false, reason: "stale", actual: second });
    expect(await readRef(repo, "refs/heads/main")).toBe(second);
    expect(await updateRef(repo, "refs/heads/main", first, second)).toEqual({ ok: true });
    expect(await readRef(repo, "refs/heads/main")).toBe(first);
  });

  it("reports a clash between ref names as a name conflict", async () => {
    const repo = await newBareRepo();
    const head = await commitOn(repo, null, [{ path: "a", content: "a" }]);
    const result = await updateRef(repo, "refs/heads/main/sub", head, null);
    expect(result).toMatchObject({ ok: false, reason: "name-conflict" });
  });

  it("deletes only from the expected value", async () => {
    const repo = await newBareRepo();
    const first = await commitOn(repo, null, [{ path: "a", content: "a" }]);
    const second = await commitOn(repo, first, [{ path: "a", content: "b" }]);
    expect(await deleteRef(repo, "refs/heads/main", first)).toEqual({ ok: false, reason: "stale", actual: second });
    expect(await deleteRef(repo, "refs/heads/main", second)).toEqual({ ok: true });
    expect(await readRef(repo, "refs/heads/main")).toBeNull();
    expect(await deleteRef(repo, "refs/heads/main", second)).toEqual({ ok: false, reason: "stale", actual: null });
  });

  it("refuses to point a branch at an object that is not a commit", async () => {
    const repo = await newBareRepo();
    const head = await commitOn(repo, null, [{ path: "a", content: "a" }]);
    const tree = (await runGit(repo, ["rev-parse", `${head}^{tree}`])).stdout.toString().trim();
    await expect(updateRef(repo, "refs/heads/main", tree, head)).rejects.toThrow(/non-commit/);
  });
});
