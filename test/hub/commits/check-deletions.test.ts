import { describe, expect, it } from "vitest";
import { checkDeletions } from "../../../src/hub/commits/check-deletions.ts";
import type { CommitOperation } from "../../../src/hub/commits/commit-request.ts";
import { HubError } from "../../../src/hub/errors.ts";

const write = (path: string): CommitOperation => ({ op: "write", path, content: Buffer.from("x") });
const deleteFile = (path: string): CommitOperation => ({ op: "delete-file", path });
const deleteFolder = (path: string): CommitOperation => ({ op: "delete-folder", path });

function refusal(files: string[], operations: CommitOperation[]): string | null {
  try {
    checkDeletions(files, operations);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(HubError);
    expect((error as HubError).status).toBe(404);
    return (error as HubError).message;
  }
}

describe("checkDeletions", () => {
  const files = ["README.md", "logs/a.json", "logs/deep/b.json"];

  it("accepts deleting existing files and folders", () => {
    expect(refusal(files, [deleteFile("README.md"), deleteFolder("logs")])).toBeNull();
    expect(refusal(files, [deleteFolder("logs/deep"), deleteFile("logs/a.json")])).toBeNull();
  });

  it("refuses a missing file, a folder named as a file and a file named as a folder", () => {
    expect(refusal(files, [deleteFile("nope.txt")])).toMatch(/A file with this name doesn't exist: "nope.txt"/);
    expect(refusal(files, [deleteFile("logs")])).toMatch(/A file with this name/);
    expect(refusal(files, [deleteFolder("README.md")])).toMatch(/A folder with this name doesn't exist: "README.md"/);
  });

  it("follows the operations in order", () => {
    expect(refusal(files, [write("new/x.txt"), deleteFile("new/x.txt")])).toBeNull();
    expect(refusal(files, [write("new/x.txt"), deleteFolder("new")])).toBeNull();
    expect(refusal(files, [deleteFile("README.md"), deleteFile("README.md")])).toMatch(/README\.md/);
    // Writing a file where a folder was replaces the folder.
    expect(refusal(files, [write("logs"), deleteFolder("logs")])).toMatch(/A folder/);
    expect(refusal(files, [write("logs"), deleteFile("logs")])).toBeNull();
    // Writing below a file replaces the file.
    expect(refusal(files, [write("README.md/inner"), deleteFile("README.md")])).toMatch(/A file/);
  });
});
