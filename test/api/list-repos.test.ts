import { beforeAll, expect, it } from "vitest";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { get, json, nextLink, type RepoInfoBody } from "../support/read-fixture.ts";
import { createRepo } from "../support/repo-content.ts";

interface Listed {
  _id: string;
  id: string;
  private: boolean;
  gated: boolean;
  downloads: number;
  likes: number;
  lastModified: string;
  createdAt: string;
  sha?: string;
}

describeEachDialectWithHub("listing repositories", (getHub) => {
  let alice: string;
  let aliceRead: string;
  let bob: string;

  beforeAll(async () => {
    const hub = getHub();
    [alice, bob] = await Promise.all([hub.createUser("alice"), hub.createUser("bob")]);
    aliceRead = (await hub.cli(["user", "token", "alice", "--role", "read"])).trim();
    await createRepo(hub, "model", "alice/alpha");
    await createRepo(hub, "model", "alice/beta");
    await createRepo(hub, "model", "alice/gamma-private", { private: true });
    await createRepo(hub, "model", "bob/delta");
    await createRepo(hub, "dataset", "alice/data-one");
  });

  const list = async (query: string, token?: string): Promise<{ response: Response; items: Listed[] }> => {
    const response = await get(`${getHub().url}${query}`, token);
    expect(response.status, query).toBe(200);
    return { response, items: (await response.json()) as Listed[] };
  };
  const ids = (items: Listed[]) => items.map((item) => item.id);

  it("lists public models to anonymous callers, with the fields both clients read", async () => {
    const { items } = await list("/api/models?sort=id");
    expect(ids(items)).toEqual(["alice/alpha", "alice/beta", "bob/delta"]);
    for (const item of items) {
      expect(item).toMatchObject({ private: false, gated: false, downloads: 0, likes: 0 });
      expect(item._id).toMatch(/^[0-9a-f]{24}$/);
      expect(Number.isNaN(Date.parse(item.lastModified))).toBe(false);
    }
  });

  it("adds private repositories only for those who may read them", async () => {
    expect(ids((await list("/api/models?sort=id", alice)).items)).toContain("alice/gamma-private");
    expect(ids((await list("/api/models?sort=id", aliceRead)).items)).toContain("alice/gamma-private");
    expect(ids((await list("/api/models?sort=id", getHub().adminToken)).items)).toContain("alice/gamma-private");
    expect(ids((await list("/api/models?sort=id", bob)).items)).not.toContain("alice/gamma-private");
  });

  it("lists datasets and models separately", async () => {
    expect(ids((await list("/api/datasets")).items)).toEqual(["alice/data-one"]);
  });

  it("filters by author and by a case-insensitive search in the id", async () => {
    expect(ids((await list("/api/models?author=bob")).items)).toEqual(["bob/delta"]);
    expect(ids((await list("/api/models?search=ALP")).items)).toEqual(["alice/alpha"]);
    expect(ids((await list("/api/models?search=alice%2Fb")).items)).toEqual(["alice/beta"]);
    expect(ids((await list("/api/models?search=nothing-like-this")).items)).toEqual([]);
  });

  it("accepts a filter it does not know without narrowing the list", async () => {
    expect(ids((await list("/api/models?sort=id&filter=text-generation&filter=evals")).items)).toEqual(["alice/alpha", "alice/beta", "bob/delta"]);
  });

  it("sorts by id, createdAt and lastModified in either direction", async () => {
    expect(ids((await list("/api/models?sort=id&direction=-1")).items)).toEqual(["bob/delta", "alice/beta", "alice/alpha"]);
    const created = (await list("/api/models?sort=createdAt&direction=-1", alice)).items.map((item) => item.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    const modified = (await list("/api/models?sort=lastModified", alice)).items.map((item) => item.lastModified);
    expect(modified).toEqual([...modified].sort().reverse());
  });

  it("pages with an absolute Link that keeps the other parameters, until the last page", async () => {
    const first = await list("/api/models?sort=id&limit=2", alice);
    expect(ids(first.items)).toEqual(["alice/alpha", "alice/beta"]);
    const next = nextLink(first.response);
    expect(next).not.toBeNull();
    const url = new URL(next ?? "");
    expect(url.origin).toBe(getHub().url);
    expect(url.searchParams.get("sort")).toBe("id");
    expect(url.searchParams.get("limit")).toBe("2");

    const second = await list(`${url.pathname}${url.search}`, alice);
    expect(ids(second.items)).toEqual(["alice/gamma-private", "bob/delta"]);
    expect(nextLink(second.response)).toBeNull();
  });

  it("fills sha when asked for it", async () => {
    const { items } = await list("/api/models?author=alice&expand=sha&expand=private");
    expect(items).toHaveLength(2);
    for (const item of items) {
      const info = await json<RepoInfoBody>(await get(`${getHub().url}/api/models/${item.id}`));
      expect(item.sha).toBe(info.sha);
    }
  });

  it("refuses a limit or a cursor it cannot read", async () => {
    for (const query of ["/api/models?limit=ten", "/api/models?cursor=not-a-cursor"]) {
      const response = await get(`${getHub().url}${query}`);
      expect(response.status).toBe(400);
      expect(response.headers.get("x-error-code")).toBe("BadRequest");
    }
  });
});
