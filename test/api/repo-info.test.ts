import { beforeAll, expect, it } from "vitest";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { blobOid, EVALS_MAIN_FILES, get, HLE_YAML, json, seedEvalsRepo, type EvalsRepo, type RepoInfoBody } from "../support/read-fixture.ts";
import { commitFiles, createRepo } from "../support/repo-content.ts";

describeEachDialectWithHub("repository info", (getHub) => {
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
    await commitFiles(hub, "dataset", "alice/data", [{ path: "README.md", content: "---\nlicense: [unclosed\n---\n" }]);
  });

  const info = (path: string, token?: string) => get(`${getHub().url}${path}`, token);

  it("answers the default body of §2.4 for the head of main", async () => {
    const response = await info("/api/models/alice/evals");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const body = await json<RepoInfoBody>(response);
    expect(body).toMatchObject({
      id: "alice/evals",
      author: "alice",
      sha: evals.second,
      private: false,
      gated: false,
      disabled: false,
      downloads: 0,
      likes: 0,
      pipeline_tag: null,
      library_name: null,
      cardData: { license: "mit", tags: ["evals"], pretty_name: "Evals & more" },
    });
    expect(body._id).toMatch(/^[0-9a-f]{24}$/);
    expect(body.lastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(body.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(body.tags).toEqual(expect.arrayContaining(["evals", "license:mit"]));
    expect(body.siblings.map((s) => s.rfilename).sort()).toEqual(EVALS_MAIN_FILES);
    expect(body.siblings[0]).not.toHaveProperty("size");
  });

  it("resolves HEAD, branches with a slash, tags, short shas and refs/pr/N, encoded or raw", async () => {
    const shaAt = async (rev: string) => {
      const response = await info(`/api/models/alice/evals/revision/${rev}`);
      expect(response.status, rev).toBe(200);
      return (await json<RepoInfoBody>(response)).sha;
    };
    expect(await shaAt("HEAD")).toBe(evals.second);
    expect(await shaAt("main")).toBe(evals.second);
    expect(await shaAt("refs%2Fpr%2F1")).toBe(evals.pr);
    expect(await shaAt("refs/pr/1")).toBe(evals.pr);
    expect(await shaAt("feat%2Fx")).toBe(evals.feat);
    expect(await shaAt("v1.0")).toBe(evals.first);
    expect(await shaAt(evals.first.slice(0, 10))).toBe(evals.first);

    const pr = await json<RepoInfoBody>(await info("/api/models/alice/evals/revision/refs%2Fpr%2F1"));
    expect(pr.siblings.map((s) => s.rfilename)).toContain("pr-only.txt");
  });

  it("accepts repeated expand and expand[], and adds size and blobId to siblings with blobs=true", async () => {
    const expanded = await info("/api/models/alice/evals/revision/HEAD?expand=sha&expand=private&expand[]=likes&expand=downloadsAllTime");
    expect(expanded.status).toBe(200);
    expect(await expanded.json()).toMatchObject({ id: "alice/evals", sha: evals.second, private: false, likes: 0 });

    const withBlobs = await json<RepoInfoBody>(await info("/api/models/alice/evals?blobs=true"));
    const hle = withBlobs.siblings.find((s) => s.rfilename === ".eval_results/hle.yaml");
    expect(hle).toEqual({ rfilename: ".eval_results/hle.yaml", size: Buffer.byteLength(HLE_YAML), blobId: blobOid(HLE_YAML) });
  });

  it("gives cardData {} when the card has no front matter or front matter that does not parse", async () => {
    const dataset = await (await info("/api/datasets/alice/data")).json();
    expect(dataset).toMatchObject({ id: "alice/data", cardData: {}, tags: [] });
    const secret = await (await info("/api/models/alice/secret", alice)).json();
    expect(secret).toMatchObject({ cardData: {}, private: true });
  });

  it("keeps models and datasets apart", async () => {
    const response = await info("/api/models/alice/data");
    expect(response.status).toBe(404);
    expect(response.headers.get("x-error-code")).toBe("RepoNotFound");
    expect((await info("/api/spaces/alice/evals")).status).toBe(404);
  });

  it("answers a private repository to its owner, a read token of the owner and the site admin", async () => {
    for (const token of [alice, aliceRead, getHub().adminToken]) {
      const response = await info("/api/models/alice/secret", token);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ id: "alice/secret", private: true });
    }
  });

  it("answers a private repository to strangers exactly like a missing one", async () => {
    const missing = await info("/api/models/alice/nothing-here");
    const answers = [missing, await info("/api/models/alice/secret"), await info("/api/models/alice/secret", bob), await info("/api/models/alice/secret/revision/main", bob)];
    for (const response of answers) {
      expect(response.status).toBe(404);
      expect(response.headers.get("x-error-code")).toBe("RepoNotFound");
      expect(await response.json()).toEqual({ error: "Repository not found" });
    }
  });

  it("answers 404 RevisionNotFound for a revision that names nothing", async () => {
    for (const rev of ["nope", "refs%2Fpr%2F9", "main~1", "0000000000000000000000000000000000000000"]) {
      const response = await info(`/api/models/alice/evals/revision/${rev}`);
      expect(response.status, rev).toBe(404);
      expect(response.headers.get("x-error-code")).toBe("RevisionNotFound");
    }
  });
});
