import { expect } from "vitest";
import type { RepoKind } from "../../src/db/schema.ts";
import { readBlob } from "../../src/git/blob.ts";
import { countCommits } from "../../src/git/log.ts";
import { listRefs, readRef } from "../../src/git/refs.ts";
import type { HubProcess } from "./hub-process.ts";
import { repoGitDir } from "./repo-content.ts";

/** One HTTP call to the hub, with a Bearer token when given and a JSON body when `json` is set. */
export async function call(hub: HubProcess, method: string, path: string, options: { token?: string; json?: unknown; body?: string | Uint8Array; headers?: Record<string, string> } = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Uint8Array | undefined = options.body;
  if (options.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.json);
  }
  return fetch(`${hub.url}${path}`, { method, headers, body });
}

/** The NDJSON commit body both clients send: one JSON object per line. */
export const ndjson = (...lines: unknown[]) => lines.map((line) => JSON.stringify(line)).join("\n");

export const headerLine = (summary: string, extra: Record<string, unknown> = {}) => ({ key: "header", value: { summary, description: "", ...extra } });

export const fileLine = (path: string, content: string | Buffer) => ({
  key: "file",
  value: { content: Buffer.from(content).toString("base64"), path, encoding: "base64" },
});

export const deletedFileLine = (path: string) => ({ key: "deletedFile", value: { path } });

/** `POST /api/{T}/{id}/commit/{enc(rev)}` with an NDJSON body. */
export function postCommit(hub: HubProcess, token: string | undefined, id: string, body: string | Uint8Array, options: { rev?: string; createPr?: boolean; kind?: RepoKind } = {}): Promise<Response> {
  const rev = encodeURIComponent(options.rev ?? "main");
  const query = options.createPr ? "?create_pr=1" : "";
  return call(hub, "POST", `/api/${options.kind ?? "model"}s/${id}/commit/${rev}${query}`, { token, body, headers: { "content-type": "application/x-ndjson" } });
}

/** Creates a repository through the API as the token's user and checks it worked. */
export async function createRepoAs(hub: HubProcess, token: string, id: string, options: { private?: boolean; kind?: RepoKind } = {}): Promise<void> {
  const [organization, name] = id.split("/");
  const res = await call(hub, "POST", "/api/repos/create", { token, json: { name, organization, type: options.kind ?? "model", private: options.private ?? false } });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** What `git` holds for a ref of the repository, read straight from disk (null when it does not exist). */
export function refOf(hub: HubProcess, id: string, ref = "refs/heads/main", kind: RepoKind = "model"): Promise<string | null> {
  return readRef(repoGitDir(hub, kind, id), ref);
}

/** Every ref of the repository with what it points at: equal snapshots before and after mean nothing was written. */
export async function refSnapshot(hub: HubProcess, id: string, kind: RepoKind = "model"): Promise<Record<string, string>> {
  const refs = await listRefs(repoGitDir(hub, kind, id));
  return Object.fromEntries(refs.map((ref) => [ref.name, ref.oid]));
}

export function commitCount(hub: HubProcess, id: string, rev = "refs/heads/main", kind: RepoKind = "model"): Promise<number> {
  return countCommits(repoGitDir(hub, kind, id), rev);
}

/** The content of a file at a revision, read straight from the git repository (null when there is none). */
export async function fileAt(hub: HubProcess, id: string, path: string, rev = "refs/heads/main", kind: RepoKind = "model"): Promise<string | null> {
  const content = await readBlob(repoGitDir(hub, kind, id), rev, path);
  return content === null ? null : content.toString("utf8");
}
