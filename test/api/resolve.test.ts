import { beforeAll, expect, it } from "vitest";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { BIG, blobOid, get, README, seedEvalsRepo, type EvalsRepo } from "../support/read-fixture.ts";
import { commitFiles, createRepo } from "../support/repo-content.ts";

describeEachDialectWithHub("file downloads (resolve and raw)", (getHub) => {
  let evals: EvalsRepo;
  let alice: string;
  let aliceRead: string;
  let bob: string;

  beforeAll(async () => {
    const hub = getHub();
    [alice, bob] = await Promise.all([hub.createUser("alice"), hub.createUser("bob")]);
    aliceRead = (await hub.cli(["user", "token", "alice", "--role", "read"])).trim();
    evals = await seedEvalsRepo(hub, "model", "alice/evals");
    await createRepo(hub, "model", "alice/secret", { private: true });
    await commitFiles(hub, "model", "alice/secret", [{ path: "secret.txt", content: "hidden\n" }]);
    await createRepo(hub, "dataset", "alice/data");
    await commitFiles(hub, "dataset", "alice/data", [{ path: "train.csv", content: "a,b\n1,2\n" }]);
  });

  const fetchFile = (path: string, init: RequestInit & { token?: string } = {}) => get(`${getHub().url}${path}`, init.token, init);
  const bytes = async (response: Response) => Buffer.from(await response.arrayBuffer());

  it("serves a whole file with ETag, X-Repo-Commit, its length and type", async () => {
    const response = await fetchFile("/alice/evals/resolve/main/README.md", { headers: { "Accept-Encoding": "gzip, br" } });
    expect(response.status).toBe(200);
    expect((await bytes(response)).toString()).toBe(README);
    expect(response.headers.get("etag")).toBe(`"${blobOid(README)}"`);
    expect(response.headers.get("x-repo-commit")).toBe(evals.second);
    expect(response.headers.get("content-length")).toBe(String(Buffer.byteLength(README)));
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    expect(response.headers.get("content-encoding")).toBeNull();
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^inline; filename="README.md"/);
  });

  it("streams a large binary file intact", async () => {
    const response = await fetchFile("/alice/evals/resolve/main/data/big.bin");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
    expect(response.headers.get("content-length")).toBe(String(BIG.length));
    expect((await bytes(response)).equals(BIG)).toBe(true);
  });

  it("answers the JS probe Range: bytes=0-0 with 206 and Content-Range", async () => {
    const response = await fetchFile("/alice/evals/resolve/main/data/big.bin", { headers: { Range: "bytes=0-0" } });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes 0-0/${BIG.length}`);
    expect(response.headers.get("content-length")).toBe("1");
    expect(response.headers.get("etag")).toBe(`"${blobOid(BIG)}"`);
    expect((await bytes(response)).equals(BIG.subarray(0, 1))).toBe(true);
  });

  it("serves open, suffix and middle ranges", async () => {
    const cases: [string, number, number][] = [
      ["bytes=299990-", 299_990, BIG.length - 1],
      ["bytes=-10", BIG.length - 10, BIG.length - 1],
      ["bytes=123456-234567", 123_456, 234_567],
      ["bytes=299995-400000", 299_995, BIG.length - 1],
    ];
    for (const [range, start, end] of cases) {
      const response = await fetchFile("/alice/evals/resolve/main/data/big.bin", { headers: { Range: range } });
      expect(response.status, range).toBe(206);
      expect(response.headers.get("content-range")).toBe(`bytes ${start}-${end}/${BIG.length}`);
      expect(response.headers.get("content-length")).toBe(String(end - start + 1));
      expect((await bytes(response)).equals(BIG.subarray(start, end + 1)), range).toBe(true);
    }
  });

  it("answers 416 with bytes */N for a range past the end", async () => {
    const response = await fetchFile("/alice/evals/resolve/main/README.md", { headers: { Range: "bytes=5000-" } });
    expect(response.status).toBe(416);
    expect(response.headers.get("content-range")).toBe(`bytes */${Buffer.byteLength(README)}`);
  });

  it("answers an empty file with 200, an empty body and bytes */0, never 416", async () => {
    for (const headers of [{ Range: "bytes=0-0" }, { Range: "bytes=5-" }, {}] as Record<string, string>[]) {
      const response = await fetchFile("/alice/evals/resolve/main/empty.txt", { headers });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-range")).toBe("bytes */0");
      expect(response.headers.get("content-length")).toBe("0");
      expect(response.headers.get("etag")).toBe(`"${blobOid("")}"`);
      expect((await bytes(response)).length).toBe(0);
    }
  });

  it("answers HEAD with the real Content-Length and the metadata Python needs", async () => {
    const response = await fetchFile("/alice/evals/resolve/main/data/big.bin", { method: "HEAD", headers: { "Accept-Encoding": "identity" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe(String(BIG.length));
    expect(response.headers.get("etag")).toBe(`"${blobOid(BIG)}"`);
    expect(response.headers.get("x-repo-commit")).toBe(evals.second);
    expect((await bytes(response)).length).toBe(0);

    const ranged = await fetchFile("/alice/evals/resolve/main/data/big.bin", { method: "HEAD", headers: { Range: "bytes=0-0" } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get("content-range")).toBe(`bytes 0-0/${BIG.length}`);
  });

  it("serves /raw/ too (JS fileExists sends HEAD there)", async () => {
    const head = await fetchFile("/alice/evals/raw/main/.eval_results/hle.yaml", { method: "HEAD" });
    expect(head.status).toBe(200);
    const missing = await fetchFile("/alice/evals/raw/main/.eval_results/none.yaml", { method: "HEAD" });
    expect(missing.status).toBe(404);
    const body = await fetchFile("/alice/evals/raw/main/notes%20dir/a%20b.txt");
    expect(await body.text()).toBe("second notes\n");
  });

  it("takes refs/pr/N encoded and raw; a file only on the PR is EntryNotFound on main, with X-Repo-Commit", async () => {
    for (const path of ["/alice/evals/resolve/refs%2Fpr%2F1/pr-only.txt", "/alice/evals/resolve/refs/pr/1/pr-only.txt"]) {
      const response = await fetchFile(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("x-repo-commit")).toBe(evals.pr);
      expect(await response.text()).toBe("from the PR\n");
    }
    const onMain = await fetchFile("/alice/evals/resolve/main/pr-only.txt");
    expect(onMain.status).toBe(404);
    expect(onMain.headers.get("x-error-code")).toBe("EntryNotFound");
    expect(onMain.headers.get("x-repo-commit")).toBe(evals.second);
    expect(onMain.headers.get("content-type")).toMatch(/^application\/json/);
  });

  it("serves older revisions by tag, sha and branch with a slash", async () => {
    const atTag = await fetchFile("/alice/evals/resolve/v1.0/notes%20dir/a%20b.txt");
    expect(await atTag.text()).toBe("first notes\n");
    expect(atTag.headers.get("x-repo-commit")).toBe(evals.first);
    expect(await (await fetchFile(`/alice/evals/resolve/${evals.first}/notes%20dir/a%20b.txt`)).text()).toBe("first notes\n");
    expect(await (await fetchFile("/alice/evals/resolve/feat/x/feat.txt")).text()).toBe("feature\n");
    expect(await (await fetchFile("/alice/evals/resolve/feat%2Fx/feat.txt")).text()).toBe("feature\n");
  });

  it("answers EntryNotFound for directories and unsafe paths, RevisionNotFound for unknown revisions", async () => {
    for (const path of ["/alice/evals/resolve/main/data", "/alice/evals/resolve/main/..%2F..%2Fconfig", "/alice/evals/resolve/main/"]) {
      const response = await fetchFile(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get("x-error-code")).toBe("EntryNotFound");
    }
    const response = await fetchFile("/alice/evals/resolve/nope/README.md");
    expect(response.status).toBe(404);
    expect(response.headers.get("x-error-code")).toBe("RevisionNotFound");
  });

  it("serves datasets under /datasets/ only", async () => {
    const response = await fetchFile("/datasets/alice/data/resolve/main/train.csv");
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("a,b\n1,2\n");
    const asModel = await fetchFile("/alice/data/resolve/main/train.csv");
    expect(asModel.status).toBe(404);
    expect(asModel.headers.get("x-error-code")).toBe("RepoNotFound");
  });

  it("hides a private repository's files from strangers, and serves them to the owner's read token", async () => {
    for (const token of [undefined, bob]) {
      const response = await fetchFile("/alice/secret/resolve/main/secret.txt", { token });
      expect(response.status).toBe(404);
      expect(response.headers.get("x-error-code")).toBe("RepoNotFound");
      expect(response.headers.get("x-repo-commit")).toBeNull();
    }
    for (const token of [alice, aliceRead]) {
      const response = await fetchFile("/alice/secret/resolve/main/secret.txt", { token });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("hidden\n");
    }
  });

  it("leaves /api/… and git's /{id}.git/… paths to their own routes", async () => {
    const tree = await fetchFile("/api/models/alice/evals/tree/main");
    expect(tree.status).toBe(200);
    for (const path of ["/api/x/resolve/main/README.md", "/alice/evals.git/resolve/main/README.md"]) {
      const response = await fetchFile(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get("x-error-code"), path).toBe("NotFound");
    }
  });
});
