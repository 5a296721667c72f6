import type { Hub } from "../hub/hub.ts";
import type { Actor } from "../hub/policy.ts";

/** What every request handler can read from the context. */
export interface AppEnv {
  Variables: {
    hub: Hub;
    actor: Actor;
    requestId: string;
  };
}
