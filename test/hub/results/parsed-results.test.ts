import { describe, expect, it, vi } from "vitest";
import { withCatFileReader } from "../../../src/git/cat-file.ts";
import { readParsedResults } from "../../../src/hub/results/parsed-results.ts";
import { MAX_RESULTS_FILE_BYTES } from "../../../src/hub/results/read-ref.ts";
import { commitOn, newBareRepo } from "../../git/fixtures.ts";

// Indexing reads a commit's results files after every write: files whose blob was parsed before are not read or
// parsed again, and what comes back is the same as a fresh parse would give.

const entry = (value: number) => `- dataset:\n    id: org/board\n    task_id: t1\n  value: ${value}\n`;

describe("parsed results", () => {
  it("reads only the blobs it has not parsed before, and answers every file of the commit in path order", async () => {
    const repo = await newBareRepo();
    const first = await commitOn(repo, null, [
      { path: ".eval_results/a.yaml", content: entry(1) },
      { path: ".eval_results/b.yaml", content: entry(2) },
      { path: ".eval_results/c.yaml", content: "not: [valid" },
      { path: "README.md", content: "not a results file" },
    ]);
    const second = await commitOn(repo, first, [{ path: ".eval_results/b.yaml", content: entry(3) }]);
    await withCatFileReader(repo, async (reader) => {
      const reads = vi.spyOn(reader, "read");
      const before = await readParsedResults(reader, first);
      expect(before.map((f) => f.path)).toEqual([".eval_results/a.yaml", ".eval_results/b.yaml", ".eval_results/c.yaml"]);
      expect(before.map((f) => f.parsed.entries[0]?.entry?.value ?? null)).toEqual([1, 2, null]);
      expect(before[2]?.parsed.problems[0]?.file).toBe(".eval_results/c.yaml");
      const blobReads = reads.mock.calls.length;

      const after = await readParsedResults(reader, second);
      expect(after.map((f) => f.parsed.entries[0]?.entry?.value ?? null)).toEqual([1, 3, null]);
      // The same tree reads both times; the blobs: three the first time, only the changed one the second.
      expect(blobReads - (reads.mock.calls.length - blobReads)).toBe(2);
    });
  });

  it("parses the same blob under another path anew, since its problems name the path", async () => {
    const repo = await newBareRepo();
    const commit = await commitOn(repo, null, [
      { path: ".eval_results/one.yaml", content: "broken: [" },
      { path: ".eval_results/two.yaml", content: "broken: [" },
    ]);
    const files = await withCatFileReader(repo, (reader) => readParsedResults(reader, commit));
    expect(files.map((f) => f.parsed.problems[0]?.file)).toEqual([".eval_results/one.yaml", ".eval_results/two.yaml"]);
  });

  it("indexes a file over the size cap as invalid, saying so, without reading it whole", async () => {
    const repo = await newBareRepo();
    const commit = await commitOn(repo, null, [{ path: ".eval_results/huge.yaml", content: "#".repeat(MAX_RESULTS_FILE_BYTES + 10) }]);
    const [file] = await withCatFileReader(repo, (reader) => readParsedResults(reader, commit));
    expect(file?.parsed.entries).toEqual([]);
    expect(file?.parsed.problems[0]?.message).toMatch(/byte|large|limit/i);
  });
});
