import type { Hub } from "../hub/hub.ts";
import type { Actor } from "../hub/policy.ts";

/** What every request handler can read from the context. */
export interface AppEnv {
  Variables: {
    hub: Hub;
    actor: Actor;
    requestId: string;
    /** Web pages only: the session's user (`ANONYMOUS` without one), set by src/web/session. */
    viewer: Actor;
    /** Web pages only: the CSRF token forms send back, set by src/web/session. */
    csrfToken: string;
  };
}
