import type { Hub } from "../hub/hub.ts";
import type { Actor } from "../hub/policy.ts";
import type { ReadCache } from "./read-cache.ts";

/** What every request handler can read from the context. */
export interface AppEnv {
  Variables: {
    hub: Hub;
    actor: Actor;
    requestId: string;
    /** Whole answers of expensive reads, shared with the fast read path (src/api/fast-reads.ts). */
    readCache: ReadCache;
    /** Web pages only: the session's user (`ANONYMOUS` without one), set by src/web/session. */
    viewer: Actor;
    /** Web pages only: the CSRF token forms send back, set by src/web/session. */
    csrfToken: string;
  };
}
