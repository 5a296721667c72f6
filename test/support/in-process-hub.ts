import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll } from "vitest";
import { loadConfig } from "../../src/config.ts";
import type { RepoKind } from "../../src/db/schema.ts";
import { createCommit } from "../../src/git/commit.ts";
import { readRef } from "../../src/git/refs.ts";
import { openHub, type Hub } from "../../src/hub/hub.ts";
import type { Actor } from "../../src/hub/policy.ts";
import type { Repo } from "../../src/hub/repos.ts";
import type { OpenTestDatabase } from "./dialects.ts";

/** A benchmark with two tasks, in a framework that needs nothing beyond ids. */
export const EVAL_YAML = "name: Demo\ndescription: A demo benchmark\nevaluation_framework: math-arena\ntasks:\n  - id: easy\n  - id: hard\n";

/** A `.eval_results` file with one score per given task of `dataset`. */
export const resultsYaml = (dataset: string, scores: Record<string, number>) =>
  Object.entries(scores).map(([task, value]) => `- dataset:\n    id: ${dataset}\n    task_id: ${task}\n  value: ${value}\n`).join("");

export interface InProcessHub {
  hub: Hub;
  owner: Actor;
  createRepo(kind: RepoKind, name: string): Promise<Repo>;
  /** Commits files to `ref` (starting from main when the ref is new) with the git layer alone; nothing is indexed. */
  commit(repo: Repo, files: Record<string, string>, ref?: string): Promise<string>;
  /** Opens pull request `num` on an existing `refs/pr/N`, as a row (what the discussions service would write). */
  openPullRequest(repo: Repo, num: number): Promise<void>;
}

/**
 * The hub's services in this process, on the block's test database and a temporary data folder: for tests of
 * hub services that need real git repositories but no HTTP server. Repositories belong to the user `acme`.
 */
export function inProcessHub(getDb: () => OpenTestDatabase): () => InProcessHub {
  let current: InProcessHub | undefined;
  let dataDir = "";
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "evalhub-inproc-"));
    const hub = await openHub(loadConfig({ EVALHUB_DATA: dataDir, DATABASE_URL: getDb().url, EVALHUB_WEBHOOK_ALLOWED_HOSTS: "loopback" }), pino({ level: "silent" }));
    const owner: Actor = { user: await hub.accounts.createUser({ name: "acme", admin: true }), tokenRole: null };
    current = {
      hub,
      owner,
      createRepo: (kind, name) => hub.repos.create(owner, { kind, namespace: "acme", name, private: false }),
      commit: async (repo, files, ref = "refs/heads/main") => {
        const gitDir = hub.repos.gitDir(repo);
        const head = await readRef(gitDir, ref);
        const parent = head ?? (await readRef(gitDir, "refs/heads/main"));
        const changes = Object.entries(files).map(([path, content]) => ({ path, content }));
        const result = await createCommit(gitDir, { parent, branchRef: ref, expectedHead: head, changes, message: "update", author: { name: "acme", email: "acme@example.com" } });
        if (!result.ok) throw new Error(`commit to ${ref} did not land: ${result.reason}`);
        return result.commit;
      },
      openPullRequest: async (repo, num) => {
        const at = new Date().toISOString();
        await hub.db
          .insertInto("discussions")
          .values({ repo_id: repo.id, num, kind: "pull_request", title: `PR ${num}`, status: "open", author_id: owner.user?.id ?? null, git_ref: `refs/pr/${num}`, base_ref: "refs/heads/main", created_at: at, updated_at: at })
          .execute();
      },
    };
  });
  afterAll(async () => {
    await current?.hub.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  return () => {
    if (!current) throw new Error("the in-process hub exists only inside tests and hooks");
    return current;
  };
}
