import type { Actor } from "../hub/policy.ts";

/**
 * Whoever runs the CLI holds the database and the data folder, so acts as a site admin. It is no account (id 0):
 * services still check names and namespaces.
 */
export const OPERATOR: Actor = {
  user: { id: 0, kind: "user", name: "operator", name_key: "operator", fullname: "command line", email: null, password_hash: null, is_admin: 1, created_at: "" },
  tokenRole: null,
};
