import type { ResultEntry } from "../eval-results-schema.ts";

/** Where an entry's evaluation log is, in its own model repository. */
export interface EvidenceLocation {
  /** Path from the repository root. */
  path: string;
  /** Lower-case hex, when the entry states it (`evidence.sha256`). */
  sha256: string | null;
  via: "evidence.path" | "source.url";
}

/** A `source.url` is read as evidence only when it names a log-like file: other links (model card, README) are attribution. */
const LOG_FILE = /\.(eval|json)$/i;

/**
 * The log an entry points at: `evidence.path`, else a `source.url` naming a `.eval` or `.json` file of the same
 * repository. Null when there is none.
 */
export function evidenceLocation(entry: ResultEntry, modelId: string): EvidenceLocation | null {
  if (entry.evidence) return { path: entry.evidence.path.trim().replace(/^(\.\/|\/)+/, ""), sha256: entry.evidence.sha256?.toLowerCase() ?? null, via: "evidence.path" };
  const path = entry.source ? repoFileOfUrl(entry.source.url, modelId) : null;
  return path !== null && LOG_FILE.test(path) ? { path, sha256: null, via: "source.url" } : null;
}

/**
 * The path of a file of `modelId` that a URL names, by the shape of its path alone: `…/{ns}/{name}/blob|resolve/{rev}/{path}`
 * on any host (the hub's public address is not known when indexing), segments percent-decoded, the id compared
 * without case. The revision is one segment (a branch with a slash is written `%2F`) and is not used: the log is
 * read at the commit of the results file. Null when the URL does not have that shape.
 */
export function repoFileOfUrl(url: string, modelId: string): string | null {
  let segments: string[];
  try {
    segments = new URL(url).pathname.split("/").slice(1).map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
  const wanted = modelId.toLowerCase();
  for (let i = 0; i + 4 < segments.length; i++) {
    const kind = segments[i + 2];
    if ((kind !== "blob" && kind !== "resolve") || `${segments[i]}/${segments[i + 1]}`.toLowerCase() !== wanted) continue;
    const path = segments.slice(i + 4).join("/");
    return path === "" || path.endsWith("/") ? null : path;
  }
  return null;
}
