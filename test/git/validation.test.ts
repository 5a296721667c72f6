import { describe, expect, it } from "vitest";
import { UnsafeGitInputError } from "../../src/git/errors.ts";
import { assertSafeRefName, branchRef, isValidBranchName, isValidRefName } from "../../src/git/ref-names.ts";
import { resolveRef } from "../../src/git/refs.ts";
import { isSafeRevision } from "../../src/git/revision.ts";
import { runGit } from "../../src/git/run.ts";
import { isSafeTreePath } from "../../src/git/tree-path.ts";
import { deleteRef, updateRef } from "../../src/git/update-ref.ts";
import { commitOn, newBareRepo } from "./fixtures.ts";

const REF_NAMES = [
  "refs/heads/main",
  "refs/heads/feat/x",
  "refs/pr/12",
  "refs/tags/v1.0",
  "refs/heads/ünïcødé",
  "refs/heads/a.b",
  "refs/heads/.hidden",
  "refs/heads/x.lock",
  "refs/heads/x.lock/y",
  "refs/heads/a..b",
  "refs/heads/a b",
  "refs/heads/a~1",
  "refs/heads/a^",
  "refs/heads/a:b",
  "refs/heads/a?",
  "refs/heads/a*",
  "refs/heads/a[b",
  "refs/heads/a\\b",
  "refs/heads/a\tb",
  "refs/heads/a\x7fb",
  "refs/heads/a@{1}",
  "refs/heads/a@b",
  "refs/heads/a/",
  "refs/heads//a",
  "/refs/heads/a",
  "refs/heads/a.",
  "refs/heads/@",
  "@",
  "main",
];

describe("ref names", () => {
  it("agrees with git check-ref-format", async () => {
    for (const name of REF_NAMES) {
      const { code } = await runGit(null, ["check-ref-format", name], { allowExitCodes: [1] });
      expect({ name, valid: isValidRefName(name) }).toEqual({ name, valid: code === 0 });
    }
  });

  it("never accepts a name that could be read as an option", () => {
    expect(isValidRefName("--upload-pack=x", { allowOneLevel: true })).toBe(false);
    expect(isValidRefName("-x/y")).toBe(false);
    expect(isValidBranchName("-x")).toBe(false);
    expect(isValidBranchName("HEAD")).toBe(false);
    expect(() => assertSafeRefName("--upload-pack=x")).toThrow(UnsafeGitInputError);
    expect(() => branchRef("--upload-pack=touch /tmp/x")).toThrow(UnsafeGitInputError);
  });

  it("requires full refs under refs/ where a full ref is expected", () => {
    expect(() => assertSafeRefName("main")).toThrow(UnsafeGitInputError);
    expect(() => assertSafeRefName("HEAD")).toThrow(UnsafeGitInputError);
    expect(assertSafeRefName("refs/pr/3")).toBe("refs/pr/3");
    expect(branchRef("feat/x")).toBe("refs/heads/feat/x");
  });

  it("refuses option-like refs in every operation that takes one", async () => {
    const repo = await newBareRepo();
    const head = await commitOn(repo, null, [{ path: "a", content: "a" }]);
    await expect(updateRef(repo, "--upload-pack=x", head, null)).rejects.toBeInstanceOf(UnsafeGitInputError);
    await expect(deleteRef(repo, "--delete", head)).rejects.toBeInstanceOf(UnsafeGitInputError);
    expect(await resolveRef(repo, "--upload-pack=x")).toBeNull();
    expect(await resolveRef(repo, "--all")).toBeNull();
    expect(await resolveRef(repo, "main")).toBe(head);
  });
});

describe("revisions", () => {
  it("accepts HEAD, ids and ref names but no revision syntax", () => {
    for (const rev of ["HEAD", "main", "refs/pr/1", "v1.0", "abcd", "a".repeat(40), "feat/x"]) {
      expect({ rev, safe: isSafeRevision(rev) }).toEqual({ rev, safe: true });
    }
    for (const rev of ["main~1", "main^2", ":/fix", "main@{1}", "@{-1}", "main:file", "-p", "--all", "a..b", ""]) {
      expect({ rev, safe: isSafeRevision(rev) }).toEqual({ rev, safe: false });
    }
  });
});

describe("tree paths", () => {
  it("accepts normal relative paths", () => {
    for (const path of ["README.md", ".eval_results/hle.yaml", "a/b/c.txt", "with space.txt", "ünï/cødé", ".gitattributes", "-dash"]) {
      expect({ path, safe: isSafeTreePath(path) }).toEqual({ path, safe: true });
    }
  });

  it("refuses traversal, absolute paths, .git and control characters", () => {
    const unsafe = ["", "/etc/passwd", "../x", "a/../b", "a/./b", "a//b", "a/", ".git/config", "a/.GIT/x", ".git. /x", "git~1/x", "a\\b", "a\nb", "a\0b", "x".repeat(300)];
    for (const path of unsafe) {
      expect({ path, safe: isSafeTreePath(path) }).toEqual({ path, safe: false });
    }
  });
});
