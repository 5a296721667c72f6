import type { HubClient } from "./client.ts";
import type { WhoamiBody } from "./wire.ts";

/** Who the client's token belongs to (401 when it is not valid). */
export const whoami = (client: HubClient) => client.json<WhoamiBody>("/api/whoami-v2", { what: "checking the token" });
