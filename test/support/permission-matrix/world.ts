import { generateKeyPairSync } from "node:crypto";
import { expect } from "vitest";
import type { RepoKind } from "../../../src/db/schema.ts";
import { discussionsPath, type EventBody } from "../discussions.ts";
import type { HubProcess } from "../hub-process.ts";
import { fileLine, headerLine, ndjson } from "../write-api.ts";
import { Agent, CALLERS, passwordOf, Session, type Caller, type UserName } from "./callers.ts";
import { HubReads, type Entry } from "./hub-reads.ts";
import type { Visibility } from "./probe.ts";

export interface RepoFixture {
  id: string;
  kind: RepoKind;
  /** An open pull request of `author`, with a commit. */
  sharedPr: number;
  /** A closed pull request of `author`. */
  closedPr: number;
  /** A discussion (no pull request, so reading it computes no changes) of `author`, where comments are made. */
  discussion: number;
  /** A comment of `other` on that discussion. */
  otherComment: string;
}

export interface ModelFixture extends RepoFixture {
  /** A subscription of `writer` to the model's events. */
  webhook: number;
  /** Entries shown and hidden; the first of each is the target refused requests aim at, the rest are taken one per allowed case. */
  shown: Entry[];
  hidden: Entry[];
}

const ORG = "lab";
const USERS: readonly UserName[] = ["author", "writer", "orgadmin", "stranger", "other"];
const ACCOUNT_OF: Record<Exclude<Caller, "anonymous">, UserName> = { readToken: "writer", stranger: "stranger", author: "author", writer: "writer", orgAdmin: "orgadmin", siteAdmin: "admin" };
const POOL = 8;
const VISIBILITIES: readonly Visibility[] = ["public", "private"];
const benchId = (v: Visibility) => `${ORG}/${v === "public" ? "pub" : "priv"}-bench`;

const BENCH_YAML = "name: Matrix bench\ndescription: For the permission matrix\nevaluation_framework: math-arena\ntasks:\n  - id: easy\n  - id: hard\n";

const resultsFile = (bench: string, values: number[]) => values.map((value, i) => `- dataset:\n    id: ${bench}\n    task_id: ${i % 2 ? "hard" : "easy"}\n  value: ${value}\n`).join("");

/**
 * Everything the matrix runs against: users with sessions and tokens, the organisation `lab` (author and other
 * read members, writer a write member, orgadmin its admin), and per visibility a model with results on both
 * benchmarks (hidden entries and a webhook of `writer` too), a model to write to (a branch and a tag) and a benchmark,
 * all owned by it and each with pull requests of `author`.
 */
export class World extends HubReads {
  readonly agents = {} as Record<Caller, Agent>;
  /** A read member of the organisation, author of "someone else's" comments. */
  other!: Agent;
  readonly sessions = {} as Record<UserName, Session>;
  readonly tokens = {} as Record<UserName, string>;
  /** Models with results: what reads, moderation, feeds and badges look at. */
  readonly model = {} as Record<Visibility, ModelFixture>;
  /** Models without results, where pull requests are opened, merged and pushed to (so each write indexes little). */
  readonly work = {} as Record<Visibility, RepoFixture>;
  /** Models of writer's own namespace, outside the organisation. */
  readonly personal = {} as Record<Visibility, string>;
  readonly bench = {} as Record<Visibility, RepoFixture>;
  /** Per visibility, the head of the work model's branch `side`: a commit pushes can point refs at with no new objects. */
  readonly sideCommit = {} as Record<Visibility, string>;
  /** An issuer refused deletions aim at, and a token of writer's refused revocations aim at. */
  issuer = "";
  victimToken = { id: 0, token: "" };
  private counter = 0;
  private readonly turns = new Map<string, Promise<unknown>[]>();
  private laneCounter = 0;

  private constructor(hub: HubProcess) {
    super(hub);
  }

  static async build(hub: HubProcess): Promise<World> {
    const world = new World(hub);
    await world.makeAccounts();
    await world.makeRepos();
    return world;
  }

  get admin(): Agent {
    return this.agents.siteAdmin;
  }

  unique(label: string): string {
    return `${label}-${++this.counter}`;
  }

  /**
   * Runs `work` when fewer than two others of the same key run. Discussions of one repository are numbered in
   * sequence, and the hub answers 409 "try again" when many are opened at the same moment (it retries a few times).
   */
  async inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
    const lanes = this.turns.get(key) ?? [Promise.resolve(), Promise.resolve()];
    this.turns.set(key, lanes);
    const lane = this.laneCounter++ % lanes.length;
    const turn = lanes[lane]!.then(work, work);
    lanes[lane] = turn.catch(() => undefined);
    return turn;
  }

  sessionOf(caller: Caller): Session | undefined {
    return caller === "anonymous" || caller === "readToken" ? undefined : this.sessions[ACCOUNT_OF[caller]];
  }

  userOf(caller: Exclude<Caller, "anonymous">): UserName {
    return ACCOUNT_OF[caller];
  }

  /** Signs every user in again (a new password ends all of a user's sessions). */
  async renewSessions(): Promise<void> {
    await Promise.all([...USERS, "admin" as const].map(async (name) => (this.sessions[name] = await Session.signIn(this.hub, name))));
  }

  private async makeAccounts(): Promise<void> {
    const hub = this.hub;
    await Promise.all([
      ...USERS.map(async (name) => (this.sessions[name] = await Session.signUp(hub, name))),
      (async () => {
        await hub.cli(["user", "password", "admin"], { input: passwordOf("admin") });
        this.sessions.admin = await Session.signIn(hub, "admin");
      })(),
    ]);
    await Promise.all(USERS.map(async (name) => (this.tokens[name] = await this.sessions[name].issueToken("write"))));
    this.tokens.admin = hub.adminToken;
    const readToken = await this.sessions.writer.issueToken("read");
    const victim = await this.sessions.writer.issueToken("write");
    this.victimToken = { token: victim, id: await this.newestTokenId("writer") };
    this.other = new Agent(hub, this.tokens.other, () => this.sessions.other);
    for (const caller of CALLERS) {
      const token = caller === "anonymous" ? undefined : caller === "readToken" ? readToken : this.tokens[ACCOUNT_OF[caller]];
      this.agents[caller] = new Agent(hub, token, () => this.sessionOf(caller));
    }

    const orgAdmin = this.sessions.orgadmin;
    expect((await orgAdmin.client.post("/organizations/new", { name: ORG, _csrf: orgAdmin.csrf })).status).toBe(303);
    for (const [user, role] of [["author", "read"], ["other", "read"], ["writer", "write"]]) {
      expect((await orgAdmin.client.post(`/organizations/${ORG}/members`, { username: user as string, role: role as string, _csrf: orgAdmin.csrf })).status).toBe(303);
    }
  }

  /** The id of the user's newest token, from the revoke forms of the tokens page. */
  async newestTokenId(user: UserName): Promise<number> {
    const page = await (await this.sessions[user].client.get("/settings/tokens")).text();
    return Math.max(...[...page.matchAll(/\/settings\/tokens\/(\d+)\/revoke/g)].map((m) => Number(m[1])));
  }

  private async makeRepos(): Promise<void> {
    await Promise.all([
      ...VISIBILITIES.map(async (v) => {
        await this.createRepo("dataset", benchId(v), v, { "eval.yaml": BENCH_YAML, "README.md": `# ${benchId(v)}\n` });
        this.bench[v] = await this.discussionsOn("dataset", benchId(v));
      }),
      ...VISIBILITIES.map((v) => this.makeWorkModel(v)),
      ...VISIBILITIES.map(async (v) => (this.personal[v] = await this.freshPersonalRepo(v))),
      (async () => (this.issuer = await this.newIssuer()))(),
    ]);
    // The models with results last, so that their pull requests are the newest (the home page lists the newest few).
    await Promise.all(VISIBILITIES.map((v) => this.makeResultsModel(v)));
  }

  private async makeWorkModel(v: Visibility): Promise<void> {
    const id = `${ORG}/${v === "public" ? "pub" : "priv"}-work`;
    await this.createRepo("model", id, v, { "README.md": `# ${id}\n` });
    for (const [path, json] of [["branch/keep", {}], ["branch/side", {}], ["tag/main", { tag: "v-keep" }]] as const) {
      const res = await this.agents.orgAdmin.api("POST", `/api/models/${id}/${path}`, { json });
      expect(res.status, await res.text()).toBe(200);
    }
    this.sideCommit[v] = await this.commit(this.agents.orgAdmin, "model", id, "side", "side.md");
    this.work[v] = await this.discussionsOn("model", id);
  }

  private async makeResultsModel(v: Visibility): Promise<void> {
    const id = `${ORG}/${v === "public" ? "pub" : "priv"}-model`;
    const scores = Array.from({ length: 2 * POOL }, (_, i) => 40 + i);
    await this.createRepo("model", id, v, { "README.md": `# ${id}\n`, ".eval_results/scores.yaml": resultsFile(benchId("public"), scores), ".eval_results/private-bench.yaml": resultsFile(benchId("private"), [70]) });
    const entries = await this.entriesOf(id);
    const hidden = entries.slice(POOL);
    await Promise.all(hidden.map((entry) => this.hide(id, entry)));
    const webhook = await this.newWebhook(id);
    this.model[v] = { ...(await this.discussionsOn("model", id)), shown: entries.slice(0, POOL), hidden, webhook };
  }

  /** Creates a repository as `by` (the organisation's admin unless said). */
  async createRepo(kind: RepoKind, id: string, visibility: Visibility, files: Record<string, string> = {}, by = this.agents.orgAdmin): Promise<string> {
    const [organization, name] = id.split("/");
    const body = { name, organization, type: kind, private: visibility === "private", files: Object.entries(files).map(([path, content]) => ({ path, content })) };
    const res = await by.api("POST", "/api/repos/create", { json: body });
    expect(res.status, await res.text()).toBe(200);
    return id;
  }

  /** A new repository of the organisation, made by its admin. */
  freshRepo(kind: RepoKind, visibility: Visibility): Promise<string> {
    return this.createRepo(kind, `${ORG}/${this.unique(kind)}`, visibility);
  }

  /** A new model of writer's own. */
  freshPersonalRepo(visibility: Visibility): Promise<string> {
    return this.createRepo("model", `writer/${this.unique("own")}`, visibility, {}, this.agents.writer);
  }

  private async discussionsOn(kind: RepoKind, id: string): Promise<RepoFixture> {
    const sharedPr = await this.freshPullRequest(kind, id, { commit: true });
    const closedPr = await this.freshPullRequest(kind, id, { closed: true });
    const opened = await this.agents.author.api("POST", discussionsPath(id, kind), { json: { title: "A question", description: "", pullRequest: false } });
    expect(opened.status, await opened.clone().text()).toBe(200);
    const discussion = ((await opened.json()) as { num: number }).num;
    const otherComment = await this.commentAs(this.other, kind, id, discussion);
    return { id, kind, sharedPr, closedPr, discussion, otherComment };
  }

  /** A pull request of `author`: a draft at main's head, open once it has a commit. */
  async freshPullRequest(kind: RepoKind, id: string, options: { commit?: boolean; closed?: boolean } = {}): Promise<number> {
    const author = this.agents.author;
    const opened = await this.inTurn(id, () => author.api("POST", discussionsPath(id, kind), { json: { title: this.unique("proposal"), description: "", pullRequest: true } }));
    expect(opened.status, await opened.clone().text()).toBe(200);
    const num = ((await opened.json()) as { num: number }).num;
    if (options.commit) await this.commit(author, kind, id, `refs/pr/${num}`, `${this.unique("proposed")}.md`);
    if (options.closed) expect((await author.api("POST", `${discussionsPath(id, kind)}/${num}/status`, { json: { status: "closed" } })).status).toBe(200);
    return num;
  }

  async commentAs(agent: Agent, kind: RepoKind, id: string, num: number): Promise<string> {
    const res = await agent.api("POST", `${discussionsPath(id, kind)}/${num}/comment`, { json: { comment: this.unique("a comment") } });
    expect(res.status, await res.clone().text()).toBe(200);
    return ((await res.json()) as { newMessage: EventBody }).newMessage.id;
  }

  async hide(id: string, entry: Entry): Promise<void> {
    const res = await this.admin.api("POST", `/api/models/${id}/eval-results/hide`, { json: { ...entry, reason: "set up hidden" } });
    expect(res.status, await res.text()).toBe(200);
  }

  /** An entry for one allowed hide (shown) or unhide (hidden) case; never the shared target. */
  takeEntry(visibility: Visibility, which: "shown" | "hidden"): Entry {
    const pool = this.model[visibility][which];
    const entry = pool.splice(1, 1)[0];
    if (!entry) throw new Error(`no ${which} entries left on the ${visibility} model`);
    return entry;
  }

  async newWebhook(id: string): Promise<number> {
    const res = await this.agents.writer.api("POST", "/api/webhooks", { json: { target: { kind: "repo", type: "model", id }, url: "http://hooks.example.org/matrix", active: false } });
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { id: number }).id;
  }

  async newIssuer(): Promise<string> {
    const name = this.unique("issuer");
    const res = await this.admin.api("POST", "/api/admin/issuers", { json: { name, jwk: newPublicJwk() } });
    expect(res.status, await res.text()).toBe(201);
    return name;
  }

  /** One commit of a new file to `rev` through the commit API; returns the commit. */
  async commit(agent: Agent, kind: RepoKind, id: string, rev: string, path: string): Promise<string> {
    const res = await agent.api("POST", `/api/${kind}s/${id}/commit/${encodeURIComponent(rev)}`, { body: ndjson(headerLine(`add ${path}`), fileLine(path, `${path}\n`)), headers: { "content-type": "application/x-ndjson" } });
    expect(res.status, await res.clone().text()).toBe(200);
    return ((await res.json()) as { commitOid: string }).commitOid;
  }
}

export const newPublicJwk = () => generateKeyPairSync("ed25519").publicKey.export({ format: "jwk" });
