import { describe, expect, it } from "vitest";
import { decodeRest, splitRevisionPath } from "../../src/api/revision-path.ts";

const refs = new Set(["main", "feat/x", "v1.0", "refs/heads/feat/x"]);
const exists = async (rev: string) => refs.has(rev);

describe("splitRevisionPath", () => {
  it.each([
    ["main/.eval_results/hle.yaml", "main", ".eval_results/hle.yaml"],
    ["refs%2Fpr%2F1/.eval_results/hle.yaml", "refs/pr/1", ".eval_results/hle.yaml"],
    ["refs/pr/12/notes/a.txt", "refs/pr/12", "notes/a.txt"],
    ["refs%2Fpr%2F1/sub%2Fdir%20x", "refs/pr/1", "sub/dir x"],
    ["feat/x/README.md", "feat/x", "README.md"],
    ["refs/heads/feat/x", "refs/heads/feat/x", ""],
    ["main", "main", ""],
    ["0123abcd/file%20name.txt", "0123abcd", "file name.txt"],
    ["unknown/a/b", "unknown", "a/b"],
  ])("%s → %s + %s", async (rest, rev, path) => {
    expect(await splitRevisionPath(rest, exists)).toEqual({ rev, path });
  });

  it("decodes a whole revision", () => {
    expect(decodeRest("refs%2Fpr%2F3")).toBe("refs/pr/3");
    expect(decodeRest("refs/pr/3")).toBe("refs/pr/3");
    expect(decodeRest("%E0%A4%A")).toBe("%E0%A4%A");
  });
});
