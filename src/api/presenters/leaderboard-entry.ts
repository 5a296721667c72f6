import type { Account } from "../../hub/accounts.ts";
import type { LeaderboardEntry } from "../../hub/results/leaderboard.ts";
import { accountId } from "./whoami.ts";

/** HF's author object (the model repository's owner); Python reads `name` for organisations and `user` for users. */
export function presentAuthor(owner: Account | undefined) {
  if (!owner) return { _id: "", avatarUrl: "", fullname: "deleted", name: "deleted", type: "user", isHf: false, isHfAdmin: false, isMod: false };
  return {
    _id: accountId(owner), avatarUrl: `/avatars/${encodeURIComponent(owner.name)}.svg`, fullname: owner.fullname, name: owner.name,
    ...(owner.kind === "user" ? { user: owner.name } : {}), type: owner.kind, isHf: false, isHfAdmin: false, isMod: false,
  };
}

export function sourceName(raw: string): string | undefined {
  try {
    const name = (JSON.parse(raw) as { source?: { name?: unknown } } | null)?.source?.name;
    return typeof name === "string" ? name : undefined;
  } catch {
    return undefined;
  }
}

export function isExternal(url: string, hubBase: string): boolean {
  try {
    return new URL(url).host.toLowerCase() !== new URL(hubBase).host.toLowerCase();
  } catch {
    return true;
  }
}

/** One leaderboard row in HF's shape, plus our keys (verifiedBy, task_id, date, commit, community). */
export function presentLeaderboardEntry(row: LeaderboardEntry, ctx: { owner: Account | undefined; taskId: string; lowerIsBetter: boolean; hubBase: string }) {
  const name = sourceName(row.raw);
  return {
    rank: row.rank,
    modelId: `${row.namespace}/${row.name}`,
    value: row.value,
    verified: row.verified === 1,
    ...(row.verified === 1 && row.verify_issuer ? { verifiedBy: row.verify_issuer } : {}),
    filename: row.file_path,
    ...(row.source_url ? { source: { url: row.source_url, ...(name ? { name } : {}), isExternal: isExternal(row.source_url, ctx.hubBase) } } : {}),
    author: presentAuthor(ctx.owner),
    ...(row.notes !== null ? { notes: row.notes } : {}),
    ...(row.pr_num !== null ? { pullRequest: row.pr_num } : {}),
    lower_is_better: ctx.lowerIsBetter,
    ...(row.num_parameters !== null ? { num_parameters: row.num_parameters } : {}),
    task_id: ctx.taskId,
    date: row.date,
    commit: row.commit,
    community: row.pr_num !== null,
  };
}
