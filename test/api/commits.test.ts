import { beforeAll, expect, it } from "vitest";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { get, nextLink, seedEvalsRepo, type EvalsRepo } from "../support/read-fixture.ts";

interface Commit {
  id: string;
  title: string;
  message: string;
  authors: { user: string; avatar: string }[];
  date: string;
  formatted?: { title: string; message: string };
}

describeEachDialectWithHub("commit history", (getHub) => {
  let evals: EvalsRepo;

  beforeAll(async () => {
    const hub = getHub();
    await hub.createUser("alice");
    evals = await seedEvalsRepo(hub, "model", "alice/evals");
  });

  const commits = async (rest: string): Promise<{ response: Response; list: Commit[] }> => {
    const response = await get(`${getHub().url}/api/models/alice/evals/commits/${rest}`);
    expect(response.status, rest).toBe(200);
    return { response, list: (await response.json()) as Commit[] };
  };

  it("lists main newest first with the fields both clients read, and X-Total-Count", async () => {
    const { response, list } = await commits("main");
    expect(response.headers.get("x-total-count")).toBe("3");
    expect(response.headers.get("link")).toBeNull();
    expect(list.map((c) => c.id)).toEqual([evals.second, evals.first, evals.initial]);
    expect(list[0]).toEqual({
      id: evals.second,
      title: "Update notes",
      message: "",
      authors: [{ user: "alice", avatar: expect.any(String) }],
      date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    expect(list[1]).toMatchObject({ title: "Add results", message: "First results for HLE & <MMLU>." });
    expect(list[2]).toMatchObject({ title: "initial commit", authors: [{ user: "system" }] });
  });

  it("counts with limit=1 (JS countCommits) and pages with an absolute Link", async () => {
    const seen: string[] = [];
    let url: string | null = `${getHub().url}/api/models/alice/evals/commits/main?limit=1`;
    while (url !== null) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(response.headers.get("x-total-count")).toBe("3");
      const page = (await response.json()) as Commit[];
      expect(page).toHaveLength(1);
      seen.push(...page.map((c) => c.id));
      url = nextLink(response);
      if (url !== null) expect(new URL(url).searchParams.get("limit")).toBe("1");
    }
    expect(seen).toEqual([evals.second, evals.first, evals.initial]);
  });

  it("takes refs/pr/N raw (JS) and encoded (Python)", async () => {
    for (const rev of ["refs/pr/1", "refs%2Fpr%2F1"]) {
      const { response, list } = await commits(`${rev}?limit=100`);
      expect(response.headers.get("x-total-count")).toBe("4");
      expect(list.map((c) => c.id)).toEqual([evals.pr, evals.second, evals.first, evals.initial]);
    }
    const { response } = await commits("refs/pr/1?limit=2");
    expect(nextLink(response)).toMatch(/\/commits\/refs\/pr\/1\?limit=2&p=1$/);
  });

  it("starts from tags, shas and branches with a slash", async () => {
    expect((await commits("v1.0")).list.map((c) => c.id)).toEqual([evals.first, evals.initial]);
    expect((await commits(evals.second)).list).toHaveLength(3);
    expect((await commits("feat/x")).list[0]?.id).toBe(evals.feat);
  });

  it("adds HTML-safe formatted texts with expand[]=formatted", async () => {
    const { list } = await commits("main?expand[]=formatted");
    expect(list[1]?.formatted).toEqual({ title: "Add results", message: "First results for HLE &amp; &lt;MMLU&gt;." });
    expect((await commits("main")).list[1]).not.toHaveProperty("formatted");
  });

  it("answers RevisionNotFound and RepoNotFound", async () => {
    const noRev = await get(`${getHub().url}/api/models/alice/evals/commits/nope`);
    expect(noRev.status).toBe(404);
    expect(noRev.headers.get("x-error-code")).toBe("RevisionNotFound");
    const noRepo = await get(`${getHub().url}/api/models/alice/none/commits/main`);
    expect(noRepo.status).toBe(404);
    expect(noRepo.headers.get("x-error-code")).toBe("RepoNotFound");
  });
});
