import { pushReport } from "./git-wire.ts";
import type { Edge } from "./probe.ts";

export interface Observed {
  /** `allow`, `login`, or the status of a refusal (a refused git push counts as 403). */
  outcome: "allow" | "login" | number;
  /** How the answer's shape differs from what its edge promises for a refusal. */
  problems: string[];
}

/** Reads an answer the way its edge's clients do, and checks the refusal's shape. */
export async function observe(res: Response, edge: Edge): Promise<Observed> {
  const body = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get("content-type") ?? "";
  if (edge === "git") return observeGit(res, body);
  if (edge === "api") {
    if (res.ok) return { outcome: "allow", problems: [] };
    const problems: string[] = [];
    if (!type.startsWith("application/json")) problems.push(`content-type ${type}`);
    else if (typeof (JSON.parse(body.toString("utf8")) as { error?: unknown }).error !== "string") problems.push("no {error} in the body");
    if (!res.headers.get("x-error-code")) problems.push("no X-Error-Code");
    if (res.status === 401 && !/Bearer realm=/.test(res.headers.get("www-authenticate") ?? "")) problems.push("401 without a Bearer challenge");
    return { outcome: res.status, problems };
  }
  if (res.status >= 300 && res.status < 400) {
    const location = res.headers.get("location") ?? "";
    return { outcome: location.startsWith("/login") ? "login" : "allow", problems: [] };
  }
  if (res.ok) return { outcome: "allow", problems: [] };
  return { outcome: res.status, problems: type.startsWith("text/html") ? [] : [`content-type ${type}`] };
}

function observeGit(res: Response, body: Buffer): Observed {
  if (res.status === 401) {
    const challenged = /Basic realm=/.test(res.headers.get("www-authenticate") ?? "");
    return { outcome: 401, problems: challenged ? [] : ["401 without a Basic challenge"] };
  }
  if (!res.ok) return { outcome: res.status, problems: [] };
  if (res.headers.get("content-type") !== "application/x-git-receive-pack-result") return { outcome: "allow", problems: [] };
  const report = pushReport(body);
  if (report === "refused") return { outcome: 403, problems: [] };
  return report === "accepted" ? { outcome: "allow", problems: [] } : { outcome: 500, problems: [`no push report: ${body.toString("utf8").slice(0, 200)}`] };
}
