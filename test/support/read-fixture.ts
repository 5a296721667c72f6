import { createHash } from "node:crypto";
import type { RepoKind } from "../../src/db/schema.ts";
import { readRef } from "../../src/git/refs.ts";
import { updateRef } from "../../src/git/update-ref.ts";
import type { HubProcess } from "./hub-process.ts";
import { commitFiles, createRepo, repoGitDir } from "./repo-content.ts";

export const README = "---\nlicense: mit\ntags:\n  - evals\npretty_name: Evals & more\n---\n# Evals\n";
export const HLE_YAML = "- dataset:\n    id: cais/hle\n    task_id: hle\n  value: 20.9\n";
/** Large enough to arrive from git in several chunks. */
export const BIG = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 31 + (i >> 8)) % 256));

/** The git blob sha1 of some content: what the hub answers as `oid` and `ETag`. */
export const blobOid = (content: string | Buffer) => {
  const bytes = typeof content === "string" ? Buffer.from(content) : content;
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
};

export interface EvalsRepo {
  /** The hub's own `initial commit`. */
  initial: string;
  /** "Add results": README.md, .eval_results/hle.yaml, empty.txt, data/big.bin, data/sub/x.txt, notes dir/a b.txt. */
  first: string;
  /** "Update notes": changes notes dir/a b.txt; the head of main. */
  second: string;
  /** refs/pr/1, from main, adds pr-only.txt. */
  pr: string;
  /** refs/heads/feat/x, from main, adds feat.txt. */
  feat: string;
}

/**
 * A repository with a small history: two commits on main after the initial one, a pull request
 * `refs/pr/1`, a branch `feat/x` and a tag `v1.0` on the first commit.
 */
export async function seedEvalsRepo(hub: HubProcess, kind: RepoKind, id: string, options: { private?: boolean } = {}): Promise<EvalsRepo> {
  await createRepo(hub, kind, id, options);
  const gitDir = repoGitDir(hub, kind, id);
  const initial = (await readRef(gitDir, "refs/heads/main")) ?? "";
  const first = await commitFiles(
    hub,
    kind,
    id,
    [
      { path: "README.md", content: README },
      { path: ".eval_results/hle.yaml", content: HLE_YAML },
      { path: "empty.txt", content: "" },
      { path: "data/big.bin", content: BIG },
      { path: "data/sub/x.txt", content: "x\n" },
      { path: "notes dir/a b.txt", content: "first notes\n" },
    ],
    { message: "Add results\n\nFirst results for HLE & <MMLU>.\n" },
  );
  const second = await commitFiles(hub, kind, id, [{ path: "notes dir/a b.txt", content: "second notes\n" }], { message: "Update notes" });
  const pr = await commitFiles(hub, kind, id, [{ path: "pr-only.txt", content: "from the PR\n" }], { ref: "refs/pr/1", from: "refs/heads/main", message: "PR: add pr-only.txt" });
  const feat = await commitFiles(hub, kind, id, [{ path: "feat.txt", content: "feature\n" }], { ref: "refs/heads/feat/x", from: "refs/heads/main", message: "Feature" });
  const tagged = await updateRef(gitDir, "refs/tags/v1.0", first, null);
  if (!tagged.ok) throw new Error("could not tag v1.0");
  return { initial, first, second, pr, feat };
}

/** Every file on main of a seeded repository. */
export const EVALS_MAIN_FILES = [".eval_results/hle.yaml", ".gitattributes", "README.md", "data/big.bin", "data/sub/x.txt", "empty.txt", "notes dir/a b.txt"];

/** `fetch` with a bearer token when one is given. */
export function get(url: string, token?: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token) headers.set("Authorization", `Bearer ${token}`);
  return fetch(url, { ...init, headers });
}

/** A response's JSON body, typed by the caller (the test's assertions check it). */
export async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** What the tests read of a repository info body. */
export interface RepoInfoBody {
  _id: string;
  id: string;
  sha: string;
  private: boolean;
  lastModified: string;
  createdAt: string;
  tags: string[];
  siblings: { rfilename: string; size?: number; blobId?: string }[];
  cardData: Record<string, unknown>;
}

/** The URL in `Link: <url>; rel="next"`, checked against the regex huggingface.js parses it with. */
export function nextLink(response: Response): string | null {
  const header = response.headers.get("link");
  if (header === null) return null;
  const match = /<(https?:[/][/][^>]+)>;\s+rel="([^"]+)"/.exec(header);
  if (!match || match[2] !== "next") throw new Error(`Link header the JS client cannot read: ${header}`);
  return match[1] ?? null;
}
