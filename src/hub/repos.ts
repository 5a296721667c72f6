import { rm, rename } from "node:fs/promises";
import { join } from "node:path";
import type { Kysely, Selectable } from "kysely";
import type { Database, RepoKind, ReposTable } from "../db/schema.ts";
import { isUniqueViolation } from "../db/unique-violation.ts";
import { createCommit } from "../git/commit.ts";
import { initBare } from "../git/init.ts";
import type { Accounts } from "./accounts.ts";
import { conflict, notFound } from "./errors.ts";
import { checkName } from "./names.ts";
import { repoNotFound, type Actor, type Policy } from "./policy.ts";

export type Repo = Selectable<ReposTable>;

export interface RepoRef {
  kind: RepoKind;
  namespace: string;
  name: string;
}

export interface ListQuery {
  kind: RepoKind;
  search?: string;
  author?: string;
  sort?: "lastModified" | "createdAt" | "id";
  /** Only benchmarks (datasets with an eval.yaml), or only those site admins marked official. */
  benchmark?: "any" | "official";
  direction?: "asc" | "desc";
  limit: number;
  offset: number;
}

const SYSTEM = { name: "system", email: "system@evalhub.local" };
const INITIAL_ATTRIBUTES = "# evalhub keeps every file in git itself; no LFS rules are needed.\n";

export const repoKey = (ref: RepoRef) => `${ref.kind}:${ref.namespace}/${ref.name}`.toLowerCase();
export const repoId = (repo: Pick<Repo, "namespace" | "name">) => `${repo.namespace}/${repo.name}`;

export class Repos {
  private readonly deletedListeners: ((repo: Repo) => Promise<void>)[] = [];
  private readonly createdListeners: ((repo: Repo) => Promise<void>)[] = [];
  private readonly visibilityListeners: ((repo: Repo) => Promise<void>)[] = [];

  constructor(
    private readonly db: Kysely<Database>,
    private readonly accounts: Accounts,
    private readonly policy: Policy,
    private readonly dataDir: string,
  ) {}

  /** Runs after a repository is deleted, before the request that deleted it returns. */
  onDeleted(listener: (repo: Repo) => Promise<void>): void {
    this.deletedListeners.push(listener);
  }

  /** Runs after a repository and its initial commit exist, before the request that created it returns. */
  onCreated(listener: (repo: Repo) => Promise<void>): void {
    this.createdListeners.push(listener);
  }

  /** Runs after a repository turned public or private (with its new visibility), before the request returns. */
  onVisibilityChanged(listener: (repo: Repo) => Promise<void>): void {
    this.visibilityListeners.push(listener);
  }

  /** Where the bare git repository lives; names are lower-cased so ids are case-insensitive on disk too. */
  gitDir(repo: Pick<Repo, "kind" | "namespace" | "name">): string {
    return join(this.dataDir, "repos", `${repo.kind}s`, repo.namespace.toLowerCase(), `${repo.name.toLowerCase()}.git`);
  }

  async find(ref: RepoRef): Promise<Repo | undefined> {
    return this.db.selectFrom("repos").selectAll().where("repo_key", "=", repoKey(ref)).executeTakeFirst();
  }

  /** The repository if the actor may read it; otherwise the same 404 whether it exists or not. */
  async readable(actor: Actor, ref: RepoRef): Promise<Repo> {
    const repo = await this.find(ref);
    if (!repo) throw repoNotFound();
    await this.policy.assertRead(actor, repo);
    return repo;
  }

  async create(actor: Actor, input: RepoRef & { private: boolean }): Promise<Repo> {
    checkName(input.name, "repository");
    const owner = await this.accounts.byName(input.namespace);
    if (!owner) throw notFound("NotFound", `no user or organisation named "${input.namespace}"`);
    await this.policy.assertCreateIn(actor, owner);
    const existing = await this.find(input);
    if (existing) throw conflict("RepoExists", `You already created this ${input.kind} repo`, { repo: existing });
    const at = new Date().toISOString();
    const repo = await this.db
      .insertInto("repos")
      .values({ kind: input.kind, owner_id: owner.id, namespace: owner.name, name: input.name, repo_key: repoKey({ ...input, namespace: owner.name }), private: input.private ? 1 : 0, created_at: at, updated_at: at })
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch(async (err: unknown) => {
        // Another request created it between our check and our insert.
        const winner = isUniqueViolation(err) ? await this.find(input) : undefined;
        throw winner ? conflict("RepoExists", `You already created this ${input.kind} repo`, { repo: winner }) : err;
      });
    try {
      const dir = this.gitDir(repo);
      await initBare(dir);
      const result = await createCommit(dir, {
        parent: null,
        branchRef: "refs/heads/main",
        expectedHead: null,
        changes: [{ path: ".gitattributes", content: Buffer.from(INITIAL_ATTRIBUTES) }],
        message: "initial commit",
        author: SYSTEM,
      });
      if (!result.ok) throw new Error(`initial commit of ${dir} did not land: ${result.reason}`);
    } catch (err) {
      await this.db.deleteFrom("repos").where("id", "=", repo.id).execute();
      throw err;
    }
    for (const listener of this.createdListeners) await listener(repo);
    return repo;
  }

  async delete(actor: Actor, ref: RepoRef): Promise<void> {
    const repo = await this.readable(actor, ref);
    await this.policy.assertAdmin(actor, repo);
    await this.db.deleteFrom("repos").where("id", "=", repo.id).execute();
    const dir = this.gitDir(repo);
    const trash = `${dir}.deleted-${Date.now()}`;
    await rename(dir, trash).catch(() => undefined);
    await rm(trash, { recursive: true, force: true });
    for (const listener of this.deletedListeners) await listener(repo);
  }

  async touch(repo: Repo): Promise<void> {
    await this.db.updateTable("repos").set({ updated_at: new Date().toISOString() }).where("id", "=", repo.id).execute();
  }

  async setPrivate(actor: Actor, repo: Repo, value: boolean): Promise<void> {
    await this.policy.assertAdmin(actor, repo);
    await this.db.updateTable("repos").set({ private: value ? 1 : 0, updated_at: new Date().toISOString() }).where("id", "=", repo.id).execute();
    if ((repo.private === 1) === value) return;
    const changed = { ...repo, private: value ? 1 : 0 };
    for (const listener of this.visibilityListeners) await listener(changed);
  }

  /** Repositories the actor may see, filtered and sorted. */
  async list(actor: Actor, q: ListQuery): Promise<Repo[]> {
    let query = this.db.selectFrom("repos").selectAll("repos").where("repos.kind", "=", q.kind);
    if (q.author) query = query.where("repos.namespace", "=", q.author);
    if (q.benchmark) query = query.where("repos.id", "in", (eb) => eb.selectFrom("benchmarks").select("benchmarks.repo_id"));
    if (q.benchmark === "official") {
      query = query.where("repos.id", "in", (eb) => eb.selectFrom("benchmark_flags").select("benchmark_flags.repo_id").where("benchmark_flags.official", "=", 1));
    }
    // Names cannot hold `%`; a `_` in the search matching any one character only widens it slightly.
    if (q.search) query = query.where("repos.repo_key", "like", `%${q.search.toLowerCase().replace(/[%\\]/g, "")}%`);
    const user = actor.user;
    if (!user) query = query.where("repos.private", "=", 0);
    else if (!user.is_admin) {
      query = query.where((eb) =>
        eb.or([
          eb("repos.private", "=", 0),
          eb("repos.owner_id", "=", user.id),
          eb("repos.owner_id", "in", eb.selectFrom("org_members").select("org_id").where("user_id", "=", user.id)),
        ]),
      );
    }
    const column = q.sort === "createdAt" ? "repos.created_at" : q.sort === "id" ? "repos.repo_key" : "repos.updated_at";
    const direction = q.direction ?? (q.sort === "id" ? "asc" : "desc");
    return query.orderBy(column, direction).orderBy("repos.id", "asc").limit(q.limit).offset(q.offset).execute();
  }
}
