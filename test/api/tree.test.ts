import { beforeAll, expect, it } from "vitest";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { BIG, blobOid, get, nextLink, README, seedEvalsRepo, type EvalsRepo } from "../support/read-fixture.ts";

interface Entry {
  type: "file" | "directory";
  oid: string;
  size: number;
  path: string;
  lastCommit?: { id: string; title: string; date: string };
}

describeEachDialectWithHub("tree and paths-info", (getHub) => {
  let evals: EvalsRepo;

  beforeAll(async () => {
    const hub = getHub();
    await hub.createUser("alice");
    evals = await seedEvalsRepo(hub, "model", "alice/evals");
  });

  const tree = async (rest: string): Promise<{ response: Response; entries: Entry[] }> => {
    const response = await get(`${getHub().url}/api/models/alice/evals/tree/${rest}`);
    expect(response.status, rest).toBe(200);
    return { response, entries: (await response.json()) as Entry[] };
  };
  const paths = (entries: Entry[]) => entries.map((entry) => entry.path).sort();

  it("lists the root: files with oid and size, directories with size 0", async () => {
    const { entries } = await tree("main?recursive=false&expand=false");
    expect(paths(entries)).toEqual([".eval_results", ".gitattributes", "README.md", "data", "empty.txt", "notes dir"]);
    expect(entries.find((e) => e.path === "README.md")).toEqual({ type: "file", oid: blobOid(README), size: Buffer.byteLength(README), path: "README.md" });
    const data = entries.find((e) => e.path === "data");
    expect(data).toMatchObject({ type: "directory", size: 0, path: "data" });
    expect(data?.oid).toMatch(/^[0-9a-f]{40}$/);
    expect(entries.some((e) => "lastCommit" in e || "lfs" in e || "xetHash" in e || "securityFileStatus" in e)).toBe(false);
  });

  it("lists everything below with recursive=true, directories included", async () => {
    const { entries } = await tree("main?recursive=true");
    expect(paths(entries)).toEqual([
      ".eval_results", ".eval_results/hle.yaml", ".gitattributes", "README.md", "data", "data/big.bin", "data/sub", "data/sub/x.txt", "empty.txt", "notes dir", "notes dir/a b.txt",
    ]);
    expect(entries.find((e) => e.path === "data/big.bin")).toMatchObject({ type: "file", size: BIG.length, oid: blobOid(BIG) });
  });

  it("lists a sub-directory, with the path raw or encoded the way Python does", async () => {
    expect(paths((await tree("main/data")).entries)).toEqual(["data/big.bin", "data/sub"]);
    expect(paths((await tree("main/data%2Fsub")).entries)).toEqual(["data/sub/x.txt"]);
    expect(paths((await tree("main/notes%20dir")).entries)).toEqual(["notes dir/a b.txt"]);
    expect(paths((await tree("main/data/sub/")).entries)).toEqual(["data/sub/x.txt"]);
  });

  it("takes refs/pr/N raw (JS) and encoded (Python), and branches with a slash", async () => {
    for (const rest of ["refs/pr/1", "refs%2Fpr%2F1"]) expect(paths((await tree(rest)).entries)).toContain("pr-only.txt");
    expect(paths((await tree("refs/pr/1/data/sub")).entries)).toEqual(["data/sub/x.txt"]);
    expect(paths((await tree("refs%2Fpr%2F1/data%2Fsub")).entries)).toEqual(["data/sub/x.txt"]);
    expect(paths((await tree("feat/x")).entries)).toContain("feat.txt");
    expect(paths((await tree(evals.first)).entries)).not.toContain("pr-only.txt");
  });

  it("adds each entry's last commit with expand=true", async () => {
    const { entries } = await tree("main?expand=true");
    const byPath = new Map(entries.map((e) => [e.path, e]));
    expect(byPath.get("notes dir")?.lastCommit).toEqual({ id: evals.second, title: "Update notes", date: expect.stringMatching(/Z$/) });
    expect(byPath.get("README.md")?.lastCommit).toMatchObject({ id: evals.first, title: "Add results" });
    expect(byPath.get(".gitattributes")?.lastCommit).toMatchObject({ id: evals.initial, title: "initial commit" });
    expect(entries.some((e) => "securityFileStatus" in e)).toBe(false);
  });

  it("pages with an absolute Link and a cursor until every entry was listed once", async () => {
    const all = paths((await tree("main?recursive=true")).entries);
    const seen: string[] = [];
    let url: string | null = `${getHub().url}/api/models/alice/evals/tree/main?recursive=true&limit=4`;
    let pages = 0;
    while (url !== null) {
      const response = await get(url);
      expect(response.status).toBe(200);
      const page = (await response.json()) as Entry[];
      expect(page.length).toBeLessThanOrEqual(4);
      seen.push(...page.map((e) => e.path));
      url = nextLink(response);
      if (url !== null) {
        expect(url.startsWith(`${getHub().url}/api/models/alice/evals/tree/main?`)).toBe(true);
        expect(new URL(url).searchParams.get("recursive")).toBe("true");
        expect(new URL(url).searchParams.get("cursor")).toBeTruthy();
      }
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(all);
  });

  it("answers 404 EntryNotFound for a missing directory and RevisionNotFound for a missing revision", async () => {
    for (const rest of ["main/no-such-dir", "main/..%2F..%2Fetc", "main/README.md%2Fx"]) {
      const response = await get(`${getHub().url}/api/models/alice/evals/tree/${rest}`);
      expect(response.status, rest).toBe(404);
      expect(response.headers.get("x-error-code")).toBe("EntryNotFound");
    }
    const response = await get(`${getHub().url}/api/models/alice/evals/tree/no-such-branch`);
    expect(response.status).toBe(404);
    expect(response.headers.get("x-error-code")).toBe("RevisionNotFound");
  });

  const pathsInfo = (rev: string, body: string, contentType: string) =>
    get(`${getHub().url}/api/models/alice/evals/paths-info/${rev}`, undefined, { method: "POST", body, headers: { "Content-Type": contentType, Accept: "application/json" } });

  it("paths-info takes JSON (JS), leaves missing paths out and adds lastCommit with expand", async () => {
    const response = await pathsInfo("main", JSON.stringify({ paths: ["README.md", "data", "missing.txt"], expand: true }), "application/json");
    expect(response.status).toBe(200);
    const entries = (await response.json()) as Entry[];
    expect(entries.map((e) => e.path)).toEqual(["README.md", "data"]);
    expect(entries[0]).toEqual({ type: "file", oid: blobOid(README), size: Buffer.byteLength(README), path: "README.md", lastCommit: { id: evals.first, title: "Add results", date: expect.stringMatching(/Z$/) } });
    expect(entries[1]).toMatchObject({ type: "directory", size: 0, path: "data" });
  });

  it("paths-info takes a form (Python), without lastCommit for expand=false", async () => {
    const response = await pathsInfo("refs%2Fpr%2F1", "paths=pr-only.txt&paths=notes+dir%2Fa+b.txt&paths=nope&expand=False", "application/x-www-form-urlencoded");
    expect(response.status).toBe(200);
    const entries = (await response.json()) as Entry[];
    expect(entries.map((e) => e.path)).toEqual(["pr-only.txt", "notes dir/a b.txt"]);
    expect(entries.some((e) => "lastCommit" in e)).toBe(false);
  });

  it("paths-info finds paths spread over many directories", async () => {
    const wanted = [".eval_results/hle.yaml", "data/sub/x.txt", "notes dir/a b.txt", "data/big.bin", "empty.txt", "data/sub", ".gitattributes", "nope/x"];
    const response = await pathsInfo("main", JSON.stringify({ paths: wanted }), "application/json");
    expect(((await response.json()) as Entry[]).map((e) => e.path)).toEqual(wanted.slice(0, -1));
  });

  it("paths-info refuses a body it cannot read, and answers RevisionNotFound", async () => {
    for (const body of ["{not json", JSON.stringify({ files: ["README.md"] })]) {
      const response = await pathsInfo("main", body, "application/json");
      expect(response.status).toBe(400);
    }
    const response = await pathsInfo("nope", JSON.stringify({ paths: ["README.md"] }), "application/json");
    expect(response.status).toBe(404);
    expect(response.headers.get("x-error-code")).toBe("RevisionNotFound");
  });
});
