import type { Agent, Caller } from "./callers.ts";
import type { World } from "./world.ts";

export type Visibility = "public" | "private";

/** What a case comes to: success, a redirect to the sign-in page, or the refusal's status. */
export type Outcome = "allow" | "login" | 401 | 403 | 404;

/**
 * How a route is reached, which decides how a refusal looks:
 * - `api`: Bearer token; JSON `{error}` with `X-Error-Code`.
 * - `git`: Basic auth; a refused push is answered 200 with `ng <ref> <reason>` (git's "remote rejected"), counted as 403.
 * - `page`: a web page read as the session's user, else as a Bearer token's.
 * - `account`: a web page or form for a signed-in session only; without one, a redirect to the sign-in page.
 * - `form`: a web form (POST) acting for the session's user through a service, which refuses with an error page.
 */
export type Edge = "api" | "git" | "page" | "account" | "form";

export interface Case {
  caller: Caller;
  visibility: Visibility;
  /** Whether the request should succeed: fresh targets (a branch to delete, a pull request to merge) are made only then. */
  allowed: boolean;
  agent: Agent;
  world: World;
}

export interface Prepared {
  send(): Promise<Response>;
  /** Checks that an allowed request did what it says (its answer is unread). */
  effect?(res: Response): Promise<void>;
  /** What a refused request must leave as it was (read with the site admin's rights). */
  state?(): Promise<unknown>;
  /** Names what `state` reads, so cases aiming at one shared target read it once. */
  stateKey?: string;
}

export interface Probe {
  edge: Edge;
  /** Allowed cases move one shared ref (main), so they run one after another. */
  serial?: boolean;
  /** Allowed cases end every session of the caller's user (a new password), so sessions are renewed after the route. */
  endsSessions?: boolean;
  prepare(c: Case): Promise<Prepared>;
}

export type Probes = Record<string, Probe>;
