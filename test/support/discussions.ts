import { expect } from "vitest";
import type { RepoKind } from "../../src/db/schema.ts";
import type { HubProcess } from "./hub-process.ts";
import { call, fileLine, headerLine, ndjson, postCommit } from "./write-api.ts";

/** The parts of a discussion's wire shape the tests read. */
export interface DiscussionBody {
  num: number;
  title: string;
  status: string;
  isPullRequest: boolean;
  createdAt: string;
  author?: { name: string };
  repo: { name: string; type: string };
  gitRef?: string;
}

export interface EventBody {
  id: string;
  type: string;
  createdAt: string;
  author?: { name: string };
  data: Record<string, unknown> & { latest?: { raw: string }; history?: unknown[]; edited?: boolean; hidden?: boolean };
}

export interface DetailsBody extends DiscussionBody {
  events: EventBody[];
  changes?: { base: string; mergeCommitId?: string; head?: string; files: { path: string; status: string }[] };
  filesWithConflicts?: string[];
  diff?: string;
}

export const discussionsPath = (id: string, kind: RepoKind = "model") => `/api/${kind}s/${id}/discussions`;

/** `POST …/discussions` as Python sends it; fails the test unless it is a 200, returns the number. */
export async function openDiscussion(hub: HubProcess, token: string, id: string, body: { title: string; description?: string; pullRequest?: boolean }, kind: RepoKind = "model"): Promise<number> {
  const res = await call(hub, "POST", discussionsPath(id, kind), { token, json: { description: "", pullRequest: false, ...body } });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as DiscussionBody).num;
}

export async function details(hub: HubProcess, token: string | undefined, id: string, num: number, options: { diff?: boolean; kind?: RepoKind } = {}): Promise<DetailsBody> {
  const res = await call(hub, "GET", `${discussionsPath(id, options.kind)}/${num}${options.diff ? "?diff=1" : ""}`, { token });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as DetailsBody;
}

/** `POST …/discussions/N/{resource}` with an optional JSON body. */
export function postTo(hub: HubProcess, token: string | undefined, id: string, num: number, resource: string, json?: unknown): Promise<Response> {
  return call(hub, "POST", `${discussionsPath(id)}/${num}/${resource}`, { token, ...(json === undefined ? {} : { json }) });
}

/** One commit of `files` to `refs/pr/N` through the commit API; returns the response. */
export function commitToPullRequest(hub: HubProcess, token: string | undefined, id: string, num: number, files: Record<string, string>, summary = "update"): Promise<Response> {
  const lines = [headerLine(summary), ...Object.entries(files).map(([path, content]) => fileLine(path, content))];
  return postCommit(hub, token, id, ndjson(...lines), { rev: `refs/pr/${num}` });
}

/** Like commitToPullRequest, failing the test unless it worked; returns the new commit. */
export async function commitToPullRequestOk(hub: HubProcess, token: string, id: string, num: number, files: Record<string, string>, summary = "update"): Promise<string> {
  const res = await commitToPullRequest(hub, token, id, num, files, summary);
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { commitOid: string }).commitOid;
}

/** One commit of `files` straight to main through the commit API; returns the new commit. */
export async function commitToMain(hub: HubProcess, token: string, id: string, files: Record<string, string>, summary = "update main"): Promise<string> {
  const res = await postCommit(hub, token, id, ndjson(headerLine(summary), ...Object.entries(files).map(([path, content]) => fileLine(path, content))));
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { commitOid: string }).commitOid;
}
