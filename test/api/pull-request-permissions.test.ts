import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { cli, cliOk, tempDir } from "../git/fixtures.ts";
import type { HubProcess } from "../support/hub-process.ts";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { commitToPullRequest, commitToPullRequestOk, details, discussionsPath, openDiscussion, postTo, type EventBody } from "../support/discussions.ts";
import { call, createRepoAs, refOf, refSnapshot } from "../support/write-api.ts";

// Every discussion and pull-request action × every kind of caller × public and private repositories,
// checked against one table of expected outcomes.

type Outcome = "allow" | 401 | 403 | 404;
type Who = "anonymous" | "stranger" | "author" | "writer" | "orgAdmin" | "siteAdmin" | "readToken";
type Visibility = "public" | "private";
type Action =
  | "list" | "details" | "open a discussion" | "open a pull request" | "comment" | "edit own comment" | "edit someone else's comment"
  | "hide a comment" | "close" | "reopen" | "rename" | "merge" | "commit via the API" | "push to refs/pr/N";

const A = "allow";
const WHO: readonly Who[] = ["anonymous", "stranger", "author", "writer", "orgAdmin", "siteAdmin", "readToken"];

// [public, private] for each caller, in the order of WHO. `readToken` is the writer's read-only token;
// anonymous git pushes are challenged (401) whether or not the repository exists.
const EXPECTED: Record<Action, [Outcome, Outcome][]> = {
  //                              anonymous     stranger      author        writer        orgAdmin      siteAdmin     readToken
  "list":                        [[A, 404],     [A, 404],     [A, A],       [A, A],       [A, A],       [A, A],       [A, A]],
  "details":                     [[A, 404],     [A, 404],     [A, A],       [A, A],       [A, A],       [A, A],       [A, A]],
  "open a discussion":           [[401, 404],   [A, 404],     [A, A],       [A, A],       [A, A],       [A, A],       [403, 403]],
  "open a pull request":         [[401, 404],   [A, 404],     [A, A],       [A, A],       [A, A],       [A, A],       [403, 403]],
  "comment":                     [[401, 404],   [A, 404],     [A, A],       [A, A],       [A, A],       [A, A],       [403, 403]],
  "edit own comment":            [[401, 404],   [A, 404],     [A, A],       [A, A],       [A, A],       [A, A],       [403, 403]],
  "edit someone else's comment": [[401, 404],   [403, 404],   [403, 403],   [403, 403],   [403, 403],   [A, A],       [403, 403]],
  "hide a comment":              [[401, 404],   [403, 404],   [403, 403],   [A, A],       [A, A],       [A, A],       [403, 403]],
  "close":                       [[401, 404],   [403, 404],   [A, A],       [A, A],       [A, A],       [A, A],       [403, 403]],
  "reopen":                      [[401, 404],   [403, 404],   [A, A],       [A, A],       [A, A],       [A, A],       [403, 403]],
  "rename":                      [[401, 404],   [403, 404],   [A, A],       [A, A],       [A, A],       [A, A],       [403, 403]],
  "merge":                       [[401, 404],   [403, 404],   [403, 403],   [A, A],       [A, A],       [A, A],       [403, 403]],
  "commit via the API":          [[401, 404],   [403, 404],   [A, A],       [A, A],       [A, A],       [A, A],       [403, 403]],
  "push to refs/pr/N":           [[401, 401],   [403, 404],   [A, A],       [A, A],       [A, A],       [A, A],       [403, 403]],
};

interface Case {
  action: Action;
  who: Who;
  visibility: Visibility;
  expected: Outcome;
}

const CASES: Case[] = Object.entries(EXPECTED).flatMap(([action, row]) =>
  row.flatMap(([onPublic, onPrivate], i) => {
    const who = WHO[i] as Who;
    return [
      { action: action as Action, who, visibility: "public" as const, expected: onPublic },
      { action: action as Action, who, visibility: "private" as const, expected: onPrivate },
    ];
  }),
);

describeEachDialectWithHub("pull request and discussion permissions", (getHub) => {
  const tokens = {} as Record<Who | "other", string | undefined>;
  // Actions that use a pull request up (merge, close, reopen) get a fresh one only when they are allowed to.
  const repos: Record<Visibility, { id: string; sharedPr: number; closedPr: number; work: string }> = {
    public: { id: "lab/open-evals", sharedPr: 0, closedPr: 0, work: "" },
    private: { id: "lab/closed-evals", sharedPr: 0, closedPr: 0, work: "" },
  };
  let counter = 0;
  const unique = (label: string) => `${label}-${++counter}`;

  beforeAll(async () => {
    const hub = getHub();
    for (const name of ["author", "writer", "orgAdmin", "stranger", "other"] as const) tokens[name] = await hub.createUser(name.toLowerCase());
    tokens.anonymous = undefined;
    tokens.siteAdmin = hub.adminToken;
    tokens.readToken = (await hub.cli(["user", "token", "writer", "--role", "read"])).trim();
    await hub.cli(["org", "create", "lab", "--member", "author:read", "--member", "other:read", "--member", "writer:write", "--member", "orgadmin:admin"]);
    for (const visibility of ["public", "private"] as const) {
      const repo = repos[visibility];
      await createRepoAs(hub, tokens.orgAdmin as string, repo.id, { private: visibility === "private" });
      repo.sharedPr = await openDiscussion(hub, tokens.author as string, repo.id, { title: "Shared proposal", pullRequest: true });
      await commitToPullRequestOk(hub, tokens.author as string, repo.id, repo.sharedPr, { "shared.yaml": "v: 0\n" });
      repo.closedPr = await freshPullRequest(repo.id, { closed: true });
      const dir = await tempDir();
      await cliOk(dir, ["-c", "credential.helper=", "clone", "--quiet", remoteUrl(hub, repo.id, hub.adminToken), "work"]);
      repo.work = join(dir, "work");
    }
  });

  function remoteUrl(hub: HubProcess, id: string, token: string | undefined): string {
    const url = new URL(`${hub.url}/${id}`);
    if (token !== undefined) {
      url.username = "git";
      url.password = token;
    }
    return url.toString();
  }

  /** The write token of whoever is asking (the read token's owner is the writer); null for anonymous. */
  const writeTokenOf = (who: Who): string | null => (who === "anonymous" ? null : (who === "readToken" ? tokens.writer : tokens[who]) ?? null);

  async function commentBy(token: string, id: string, num: number): Promise<string> {
    const res = await postTo(getHub(), token, id, num, "comment", { comment: unique("a comment") });
    expect(res.status).toBe(200);
    return ((await res.json()) as { newMessage: EventBody }).newMessage.id;
  }

  async function freshPullRequest(id: string, options: { commit?: boolean; closed?: boolean } = {}): Promise<number> {
    const hub = getHub();
    const num = await openDiscussion(hub, tokens.author as string, id, { title: unique("proposal"), pullRequest: true });
    if (options.commit) await commitToPullRequestOk(hub, tokens.author as string, id, num, { [`${unique("file")}.yaml`]: "v: 1\n" });
    if (options.closed) expect((await postTo(hub, tokens.author as string, id, num, "status", { status: "closed" })).status).toBe(200);
    return num;
  }

  /** Sets up what the action needs (as others), then returns the discussion it touches and how to do it as `token`. */
  async function prepare(c: Case): Promise<{ target: number | null; run: (token: string | undefined) => Promise<Outcome>; effect?: () => Promise<void> }> {
    const hub = getHub();
    const { id, sharedPr, closedPr, work } = repos[c.visibility];
    const allowed = c.expected === "allow";
    const status = async (res: Promise<Response>): Promise<Outcome> => {
      const response = await res;
      if (response.status === 200) return "allow";
      expect(response.headers.get("content-type"), await response.clone().text()).toMatch(/^application\/json/);
      return response.status as Outcome;
    };
    switch (c.action) {
      case "list":
        return { target: null, run: (t) => status(call(hub, "GET", discussionsPath(id), { token: t })) };
      case "details":
        return { target: null, run: (t) => status(call(hub, "GET", `${discussionsPath(id)}/${sharedPr}`, { token: t })) };
      case "open a discussion":
      case "open a pull request": {
        const pullRequest = c.action === "open a pull request";
        return { target: null, run: (t) => status(call(hub, "POST", discussionsPath(id), { token: t, json: { title: unique("opened"), description: "", pullRequest } })) };
      }
      case "comment":
        return { target: sharedPr, run: (t) => status(postTo(hub, t, id, sharedPr, "comment", { comment: "hello" })) };
      case "edit own comment":
      case "edit someone else's comment": {
        const own = writeTokenOf(c.who);
        const writer = c.action === "edit own comment" && own !== null && c.expected !== 404 && !(c.who === "stranger" && c.visibility === "private") ? own : (tokens.other as string);
        const comment = await commentBy(writer, id, sharedPr);
        return {
          target: sharedPr,
          run: (t) => status(postTo(hub, t, id, sharedPr, `comment/${comment}/edit`, { content: unique("edited") })),
          effect: async () => expect((await details(hub, tokens.siteAdmin, id, sharedPr)).events.find((e) => e.id === comment)?.data.edited).toBe(true),
        };
      }
      case "hide a comment": {
        const comment = await commentBy(tokens.other as string, id, sharedPr);
        return {
          target: sharedPr,
          run: (t) => status(postTo(hub, t, id, sharedPr, `comment/${comment}/hide`)),
          effect: async () => expect((await details(hub, tokens.siteAdmin, id, sharedPr)).events.find((e) => e.id === comment)?.data.hidden).toBe(true),
        };
      }
      case "close":
      case "reopen": {
        const num = allowed ? await freshPullRequest(id, { closed: c.action === "reopen" }) : c.action === "reopen" ? closedPr : sharedPr;
        const wanted = c.action === "close" ? "closed" : "open";
        return {
          target: num,
          run: (t) => status(postTo(hub, t, id, num, "status", { status: wanted })),
          effect: async () => expect((await details(hub, tokens.siteAdmin, id, num)).status).toBe(wanted),
        };
      }
      case "rename": {
        const title = unique("renamed");
        return {
          target: sharedPr,
          run: (t) => status(postTo(hub, t, id, sharedPr, "title", { title })),
          effect: async () => expect((await details(hub, tokens.siteAdmin, id, sharedPr)).title).toBe(title),
        };
      }
      case "merge": {
        const num = allowed ? await freshPullRequest(id, { commit: true }) : sharedPr;
        return {
          target: num,
          run: (t) => status(postTo(hub, t, id, num, "merge")),
          effect: async () => expect((await details(hub, tokens.siteAdmin, id, num)).status).toBe("merged"),
        };
      }
      case "commit via the API": {
        const before = await refOf(hub, id, `refs/pr/${sharedPr}`);
        return {
          target: sharedPr,
          run: (t) => status(commitToPullRequest(hub, t, id, sharedPr, { [`${unique("api")}.yaml`]: "v: 2\n" })),
          effect: async () => expect(await refOf(hub, id, `refs/pr/${sharedPr}`)).not.toBe(before),
        };
      }
      case "push to refs/pr/N": {
        const git = (args: string[]) => cliOk(work, ["-c", "credential.helper=", ...args]);
        await git(["fetch", "--quiet", remoteUrl(hub, id, hub.adminToken), `refs/pr/${sharedPr}`]);
        await git(["checkout", "--quiet", "--detach", "FETCH_HEAD"]);
        const file = `${unique("pushed")}.yaml`;
        await writeFile(join(work, file), "v: 3\n");
        await git(["add", file]);
        await git(["commit", "--quiet", "-m", `Add ${file}`]);
        const commit = (await git(["rev-parse", "HEAD"])).trim();
        return {
          target: sharedPr,
          run: async (t) => {
            const result = await cli(work, ["-c", "credential.helper=", "push", remoteUrl(hub, id, t), `HEAD:refs/pr/${sharedPr}`]);
            if (result.code === 0) return "allow";
            if (/remote rejected/.test(result.stderr)) return 403;
            if (/could not read Username|Authentication failed/.test(result.stderr)) return 401;
            if (/not found/i.test(result.stderr)) return 404;
            throw new Error(`unexpected git push failure:\n${result.stderr}`);
          },
          effect: async () => expect(await refOf(hub, id, `refs/pr/${sharedPr}`)).toBe(commit),
        };
      }
    }
  }

  /** Everything a refused action could have changed: refs, the number of discussions, the touched discussion. */
  async function fingerprint(id: string, target: number | null): Promise<unknown> {
    const hub = getHub();
    const listed = (await (await call(hub, "GET", discussionsPath(id), { token: tokens.siteAdmin })).json()) as { count: number };
    return { refs: await refSnapshot(hub, id), count: listed.count, target: target === null ? null : await details(hub, tokens.siteAdmin, id, target) };
  }

  it.each(CASES.map((c) => [`${c.visibility}: ${c.who}: ${c.action} → ${c.expected}`, c] as const))("%s", async (_name, c) => {
    const { id } = repos[c.visibility];
    const { target, run, effect } = await prepare(c);
    const before = c.expected === "allow" ? null : await fingerprint(id, target);
    expect(await run(tokens[c.who])).toBe(c.expected);
    if (before !== null) expect(await fingerprint(id, target)).toEqual(before);
    else await effect?.();
  });
});
