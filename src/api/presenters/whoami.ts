import type { OrgRole } from "../../db/schema.ts";
import type { Account } from "../../hub/accounts.ts";

export const accountId = (a: Account) => a.id.toString(16).padStart(24, "0");

/** HF's whoami-v2 shape: JS reads `auth`, Python reads `name` and `orgs[].name`. */
export function presentWhoami(user: Account, orgs: { org: Account; role: OrgRole }[], token: { name: string; role: string; createdAt: string } | null) {
  return {
    type: "user",
    id: accountId(user),
    name: user.name,
    fullname: user.fullname,
    email: user.email,
    emailVerified: user.email !== null,
    isPro: false,
    canPay: false,
    periodEnd: null,
    billingMode: "postpaid",
    avatarUrl: `/avatars/${encodeURIComponent(user.name)}.svg`,
    isAdmin: user.is_admin === 1,
    orgs: orgs.map(({ org, role }) => ({
      type: "org", id: accountId(org), name: org.name, fullname: org.fullname, email: null, canPay: false, periodEnd: null,
      avatarUrl: `/avatars/${encodeURIComponent(org.name)}.svg`, roleInOrg: role,
    })),
    auth: { type: "access_token", accessToken: token ? { displayName: token.name, role: token.role, createdAt: token.createdAt } : { displayName: "session", role: "write", createdAt: user.created_at } },
  };
}
