import type { GitIdentity } from "../../git/identity.ts";
import type { Account } from "../accounts.ts";

// Git refuses these in an identity; an email with them falls back to the hub address.
const UNUSABLE_IN_IDENTITY = /[<>\x00-\x1f\x7f]/;

/** Who a commit made through the hub is by: the acting user, with their email or a stable hub address. */
export function commitAuthor(user: Pick<Account, "name" | "email">): GitIdentity {
  const email = user.email && !UNUSABLE_IN_IDENTITY.test(user.email) ? user.email : `${user.name}@users.evalhub`;
  return { name: user.name, email };
}
