import type { HubClient } from "./client.ts";
import type { ListedRepoBody } from "./wire.ts";

const PAGE = 1000;
const MAX_PAGES = 100;

/** Every benchmark id on the hub the client may see, following `Link: rel="next"` pages. */
export async function listBenchmarkIds(client: HubClient): Promise<string[]> {
  const ids: string[] = [];
  let path: string | null = `/api/datasets?filter=benchmark&limit=${PAGE}`;
  for (let page = 0; path !== null && page < MAX_PAGES; page++) {
    const response = await client.request(path, { what: "listing benchmarks" });
    ids.push(...((await response.json()) as ListedRepoBody[]).map((r) => r.id));
    path = nextPath(response.headers.get("link"), client.url);
  }
  return ids;
}

/** The path (and query) of a `rel="next"` link, made relative so the client's own base URL is used. */
export function nextPath(link: string | null, base: string): string | null {
  const match = link ? /<([^>]+)>;\s*rel="next"/.exec(link) : null;
  if (!match?.[1]) return null;
  const next = new URL(match[1]);
  const basePath = new URL(base).pathname.replace(/\/+$/, "");
  const path = next.pathname.startsWith(basePath) ? next.pathname.slice(basePath.length) : next.pathname;
  return `${path}${next.search}`;
}
