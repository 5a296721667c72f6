import { beforeAll, expect, it } from "vitest";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { get, json, seedEvalsRepo, type EvalsRepo } from "../support/read-fixture.ts";

interface RefBody {
  name: string;
  ref: string;
  targetCommit: string;
}

interface RefsBody {
  branches: RefBody[];
  converts: RefBody[];
  tags: RefBody[];
  pullRequests?: RefBody[];
}

describeEachDialectWithHub("refs", (getHub) => {
  let evals: EvalsRepo;

  beforeAll(async () => {
    const hub = getHub();
    await hub.createUser("alice");
    evals = await seedEvalsRepo(hub, "dataset", "alice/evals-data");
  });

  const refs = async (query = "") => {
    const response = await get(`${getHub().url}/api/datasets/alice/evals-data/refs${query}`);
    expect(response.status).toBe(200);
    return json<RefsBody>(response);
  };

  it("lists branches, tags and converts, and no pull requests unless asked", async () => {
    const body = await refs();
    expect(body).toEqual({
      branches: [
        { name: "feat/x", ref: "refs/heads/feat/x", targetCommit: evals.feat },
        { name: "main", ref: "refs/heads/main", targetCommit: evals.second },
      ],
      converts: [],
      tags: [{ name: "v1.0", ref: "refs/tags/v1.0", targetCommit: evals.first }],
    });
  });

  it("adds pullRequests with include_prs=1 or true", async () => {
    for (const query of ["?include_prs=1", "?include_prs=true", "?include_prs=True"]) {
      const body = await refs(query);
      expect(body.pullRequests).toEqual([{ name: "1", ref: "refs/pr/1", targetCommit: evals.pr }]);
      expect(Object.keys(body).sort()).toEqual(["branches", "converts", "pullRequests", "tags"]);
    }
    expect(await refs("?include_prs=0")).not.toHaveProperty("pullRequests");
  });

  it("answers RepoNotFound for an unknown repository or the wrong kind", async () => {
    for (const path of ["/api/datasets/alice/nothing/refs", "/api/models/alice/evals-data/refs"]) {
      const response = await get(`${getHub().url}${path}`);
      expect(response.status).toBe(404);
      expect(response.headers.get("x-error-code")).toBe("RepoNotFound");
    }
  });
});
