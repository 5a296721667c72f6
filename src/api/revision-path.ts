/**
 * Splits the raw (still percent-encoded) rest of a URL such as `…/resolve/<rev>/<path>` into a revision
 * and a file path. Clients differ: Python encodes the revision (`refs%2Fpr%2F1`) and even `/` inside
 * tree paths; JS sends `refs/pr/1` raw on tree and commits. So:
 * - a first segment that decodes to something with `/` is the whole revision;
 * - raw `refs/pr/N` and `refs/convert/X` take three segments;
 * - otherwise the longest run of leading segments that names an existing ref, else the first segment.
 */
export async function splitRevisionPath(rest: string, refExists: (rev: string) => Promise<boolean>): Promise<{ rev: string; path: string }> {
  const raw = rest.replace(/^\/+/, "").split("/");
  const decoded = raw.map(decodeSegment);
  const take = (n: number) => ({ rev: decoded.slice(0, n).join("/"), path: decoded.slice(n).join("/") });
  if ((decoded[0] ?? "").includes("/")) return take(1);
  if (decoded[0] === "refs" && (decoded[1] === "pr" || decoded[1] === "convert") && decoded.length >= 3) return take(3);
  for (let n = Math.min(decoded.length, 8); n > 1; n--) {
    if (await refExists(decoded.slice(0, n).join("/"))) return take(n);
  }
  return take(1);
}

export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A whole rest-of-path as one value (commits/{rev}, branch/{name}): everything, decoded. */
export function decodeRest(rest: string): string {
  return rest.replace(/^\/+/, "").split("/").map(decodeSegment).join("/");
}
