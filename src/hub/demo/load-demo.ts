import type { Account } from "../accounts.ts";
import { addComment } from "../discussions/add-comment.ts";
import { commitFiles } from "../commits/commit-files.ts";
import { resolveCommitTarget } from "../commits/commit-target.ts";
import type { Hub } from "../hub.ts";
import type { Actor } from "../policy.ts";
import type { Repo } from "../repos.ts";
import { modelResults } from "../results/model-results.ts";
import { DEMO_BENCHMARKS, DEMO_HIDDEN, DEMO_MODELS, DEMO_ORG, DEMO_PULL_REQUEST, DEMO_USERS } from "./demo-content.ts";

const LOADED_KEY = "demo_loaded_at";

const as = (user: Account): Actor => ({ user, tokenRole: null });

/**
 * Fills an empty hub with the demo (`evalhub serve --demo`): benchmarks, models with their authors' results, an
 * open community pull request and a hidden result in the ledger. Everything goes through the hub's services, so
 * it is real git and a real index. A hub that already has repositories, or had the demo once, is left alone.
 * Returns whether it loaded anything.
 */
export async function loadDemo(hub: Hub): Promise<boolean> {
  if (!(await isEmpty(hub))) return false;
  const siteAdmin = await hub.db.selectFrom("accounts").selectAll().where("is_admin", "=", 1).where("kind", "=", "user").orderBy("id").executeTakeFirst();
  await hub.db.insertInto("meta").values({ key: LOADED_KEY, value: new Date().toISOString(), updated_at: new Date().toISOString() }).execute();

  const users = new Map<string, Account>();
  for (const name of DEMO_USERS) users.set(name, await hub.accounts.createUser({ name, fullname: `${name} (demo)` }));
  const owner = users.get("demo-lab")!;
  await hub.accounts.createOrg({ name: DEMO_ORG, fullname: "evalhub demo benchmarks", members: [{ user: owner.name, role: "admin" }] });

  for (const benchmark of DEMO_BENCHMARKS) {
    const repo = await createRepo(hub, owner, "dataset", benchmark.id);
    await commit(hub, owner, repo, "Add the demo benchmark", { "eval.yaml": benchmark.evalYaml, "README.md": benchmark.readme });
    if (benchmark.official && siteAdmin) await hub.benchmarks.setOfficial(as(siteAdmin), repo, true);
  }

  for (const model of DEMO_MODELS) {
    const author = users.get(model.id.split("/")[0]!)!;
    const repo = await createRepo(hub, author, "model", model.id);
    const files: Record<string, string> = { "README.md": model.readme };
    for (const [name, yaml] of Object.entries(model.results)) files[`.eval_results/${name}`] = yaml;
    await commit(hub, author, repo, "Add the model card and results", files);
  }

  const pr = DEMO_PULL_REQUEST;
  const contributor = users.get(pr.author)!;
  const target = await hub.repos.readable(as(contributor), { kind: "model", ...split(pr.model) });
  const opened = await commit(hub, contributor, target, pr.title, { [pr.file]: pr.content }, true);
  if (opened.pullRequest) await addComment(hub, as(contributor), target, opened.pullRequest.num, pr.comment);

  await hideDemoResult(hub, users);
  return true;
}

async function isEmpty(hub: Hub): Promise<boolean> {
  const marker = await hub.db.selectFrom("meta").select("value").where("key", "=", LOADED_KEY).executeTakeFirst();
  if (marker) return false;
  const repos = await hub.db.selectFrom("repos").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(repos.n) === 0;
}

const split = (id: string) => {
  const [namespace = "", name = ""] = id.split("/");
  return { namespace, name };
};

function createRepo(hub: Hub, user: Account, kind: "model" | "dataset", id: string): Promise<Repo> {
  return hub.repos.create(as(user), { kind, ...split(id), private: false });
}

async function commit(hub: Hub, user: Account, repo: Repo, summary: string, files: Record<string, string>, createPr = false) {
  const target = await resolveCommitTarget(hub, as(user), repo, "main", createPr);
  const operations = Object.entries(files).map(([path, content]) => ({ op: "write" as const, path, content: Buffer.from(content, "utf8") }));
  return commitFiles(hub, as(user), repo, target, { summary, description: "evalhub demo content", parentCommit: null, operations });
}

async function hideDemoResult(hub: Hub, users: Map<string, Account>): Promise<void> {
  const owner = users.get(DEMO_HIDDEN.model.split("/")[0]!)!;
  const repo = await hub.repos.readable(as(owner), { kind: "model", ...split(DEMO_HIDDEN.model) });
  const rows = await modelResults(hub.db, repo.id, { includeHidden: true, withHistory: false });
  const row = rows.find((r) => r.row.ref === "refs/heads/main" && r.row.file_path === DEMO_HIDDEN.file && r.row.task_id === DEMO_HIDDEN.task)?.row;
  if (!row) throw new Error(`the demo result to hide (${DEMO_HIDDEN.model} ${DEMO_HIDDEN.task}) was not indexed`);
  await hub.moderation.hide(as(owner), repo, { ref: row.ref, filePath: row.file_path, contentHash: row.content_hash }, DEMO_HIDDEN.reason);
}
