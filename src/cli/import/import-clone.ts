import { join } from "node:path";
import { countCommits } from "../../git/log.ts";
import { isAncestor } from "../../git/merge.ts";
import { pushToUrl } from "../../git/push-to-url.ts";
import { resolveRef } from "../../git/refs.ts";
import { repoPath, type HubClient } from "../hub-client/client.ts";
import { mainHistory } from "../hub-client/count-commits.ts";
import { createRepo } from "../hub-client/create-repo.ts";
import { repoInfo } from "../hub-client/get-repo-info.ts";
import type { RepoType } from "../hub-client/wire.ts";

export type ImportOutcome = "created" | "updated" | "unchanged" | "failed";

export interface ImportReport {
  id: string;
  kind: RepoType;
  dir: string;
  outcome: ImportOutcome;
  /** Commits of the clone's HEAD (what main has on the hub after an import). */
  commits: number;
  detail: string;
}

const MAIN = "refs/heads/main";

/**
 * Brings one clone's history to the hub: creates the repository when missing, then pushes the clone's HEAD to
 * `main` over git smart HTTP with the token, so the hub's own push checks, events and indexing run as for any push.
 * Safe to repeat: a main already at HEAD is left alone, one behind is fast-forwarded, and the one-commit
 * placeholder a new repository starts with is replaced; a main with commits the clone lacks is never overwritten.
 */
export async function importClone(client: HubClient, clone: { dir: string; id: string; kind: RepoType }, options: { private: boolean }): Promise<ImportReport> {
  const gitDir = join(clone.dir, ".git");
  const report = (outcome: ImportOutcome, commits: number, detail: string): ImportReport => ({ id: clone.id, kind: clone.kind, dir: clone.dir, outcome, commits, detail });
  const head = await resolveRef(gitDir, "HEAD");
  if (head === null) return report("failed", 0, "the clone has no commits");
  const commits = await countCommits(gitDir, head);

  let info = await repoInfo(client, clone.kind, clone.id);
  const created = info === null && (await createRepo(client, clone.kind, clone.id, { private: options.private }));
  info ??= await repoInfo(client, clone.kind, clone.id);
  const hubHead = info?.sha ?? null;
  if (hubHead === head) return report(created ? "created" : "unchanged", commits, "main is already at the clone's HEAD");

  const fastForward = hubHead !== null && (await isAncestor(gitDir, hubHead, head).catch(() => false));
  if (hubHead !== null && !fastForward) {
    const history = await mainHistory(client, clone.kind, clone.id);
    const placeholder = history.count === 1 && history.head?.title === "initial commit" && history.head.author === "system";
    if (!placeholder) return report("failed", commits, `main on the hub has commits the clone does not contain; fetch them into the clone first (nothing was overwritten)`);
  }
  const url = `${client.url}/${clone.kind === "dataset" ? "datasets/" : ""}${repoPath(clone.id)}`;
  const pushed = await pushToUrl(gitDir, url, [{ commit: head, ref: MAIN, expected: hubHead }], { authorization: client.token ? `Bearer ${client.token}` : undefined });
  if (!pushed.ok) return report("failed", commits, `git push: ${pushed.reason}`);
  const how = fastForward ? "fast-forwarded main" : "replaced the new repository's initial commit";
  return report(created ? "created" : "updated", commits, `${how}; main has ${commits} commit(s)`);
}
