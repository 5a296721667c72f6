import type { ModelResultBody } from "./hub-client/wire.ts";

export type Duplicate = { where: "pull-request"; num: number } | { where: "main" };

/**
 * Whether the hub already has every one of these entries (by the SHA-256 of their canonical JSON, as the index
 * keys them): all proposed by one open pull request (or
 * already on main), or all on main. A submission with anything new is no duplicate.
 */
export function findDuplicate(hashes: readonly string[], existing: readonly ModelResultBody[]): Duplicate | null {
  if (hashes.length === 0) return null;
  const byRef = new Map<string, Set<string>>();
  for (const row of existing) {
    const set = byRef.get(row.ref) ?? new Set<string>();
    set.add(row.contentHash);
    byRef.set(row.ref, set);
  }
  const onMain = byRef.get("refs/heads/main") ?? new Set<string>();
  const prs = [...byRef.keys()].map((ref) => /^refs\/pr\/(\d+)$/.exec(ref)?.[1]).filter((n) => n !== undefined).map(Number).sort((a, b) => a - b);
  for (const num of prs) {
    const proposed = byRef.get(`refs/pr/${num}`) ?? new Set<string>();
    // A pull request lists only what it adds to main, so entries it keeps from main count as covered.
    if (hashes.some((h) => proposed.has(h)) && hashes.every((h) => proposed.has(h) || onMain.has(h))) return { where: "pull-request", num };
  }
  if (hashes.every((h) => onMain.has(h))) return { where: "main" };
  return null;
}
