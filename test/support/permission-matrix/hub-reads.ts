import { existsSync } from "node:fs";
import { expect } from "vitest";
import type { RepoKind } from "../../../src/db/schema.ts";
import { discussionsPath, type DetailsBody } from "../discussions.ts";
import type { HubProcess } from "../hub-process.ts";
import { repoGitDir } from "../repo-content.ts";
import { refSnapshot } from "../write-api.ts";
import type { Agent } from "./callers.ts";

/** A result entry on a model's main, as the hide and unhide requests name it. */
export interface Entry {
  ref: string;
  filename: string;
  contentHash: string;
}

/** What the matrix reads to check effects and unchanged states: from disk, or with the site admin's rights. */
export abstract class HubReads {
  constructor(readonly hub: HubProcess) {}

  abstract get admin(): Agent;

  async details(kind: RepoKind, id: string, num: number): Promise<DetailsBody> {
    const res = await this.admin.api("GET", `${discussionsPath(id, kind)}/${num}`);
    expect(res.status).toBe(200);
    return (await res.json()) as DetailsBody;
  }

  async discussionCount(kind: RepoKind, id: string): Promise<number> {
    return ((await (await this.admin.api("GET", discussionsPath(id, kind))).json()) as { count: number }).count;
  }

  /** The repository's refs and whether it still exists: equal before and after means git was not touched. */
  async refs(kind: RepoKind, id: string): Promise<{ exists: boolean; refs: Record<string, string> | null }> {
    const exists = existsSync(repoGitDir(this.hub, kind, id));
    return { exists, refs: exists ? await refSnapshot(this.hub, id, kind) : null };
  }

  /** What `ref` points at, read from disk. */
  async head(kind: RepoKind, id: string, ref: string): Promise<string | undefined> {
    return (await this.refs(kind, id)).refs?.[ref];
  }

  /** Whether the repository is private, or null when there is none (from the listing: no git read). */
  async isPrivate(kind: RepoKind, id: string): Promise<boolean | null> {
    const [author, name = ""] = id.split("/");
    const res = await this.admin.api("GET", `/api/${kind}s?author=${author}&search=${name}&limit=1000`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { id: string; private: boolean }[]).find((r) => r.id === id)?.private ?? null;
  }

  /** A discussion as the list shows it (its status and title), without computing what a pull request changes. */
  async listed(kind: RepoKind, id: string, num: number): Promise<{ status: string; title: string } | undefined> {
    const res = await this.admin.api("GET", `${discussionsPath(id, kind)}?limit=100`);
    expect(res.status).toBe(200);
    const page = (await res.json()) as { discussions: { num: number; status: string; title: string }[] };
    return page.discussions.find((d) => d.num === num);
  }

  async issuerNames(): Promise<string[]> {
    return ((await (await this.admin.api("GET", "/api/admin/issuers")).json()) as { name: string }[]).map((i) => i.name);
  }

  async isOfficial(benchmark: string): Promise<boolean> {
    return ((await (await this.admin.api("GET", `/api/datasets/${benchmark}/benchmark`)).json()) as { official: boolean }).official;
  }

  /** Every webhook subscription's id (a site admin sees them all). */
  async webhookIds(): Promise<number[]> {
    return ((await (await this.admin.api("GET", "/api/webhooks")).json()) as { id: number }[]).map((w) => w.id);
  }

  async entriesOf(id: string): Promise<(Entry & { hidden: boolean })[]> {
    const res = await this.admin.api("GET", `/api/models/${id}/eval-results`);
    expect(res.status).toBe(200);
    const rows = (await res.json()) as { filename: string; ref: string; contentHash: string; entryIndex: number; badges: { hidden: boolean } }[];
    return rows
      .filter((r) => r.filename === ".eval_results/scores.yaml" && r.ref === "refs/heads/main")
      .sort((a, b) => a.entryIndex - b.entryIndex)
      .map((r) => ({ ref: r.ref, filename: r.filename, contentHash: r.contentHash, hidden: r.badges.hidden }));
  }
}
