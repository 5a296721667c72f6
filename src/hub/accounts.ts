import { randomBytes } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { AccountsTable, Database, OrgRole, TokenRole } from "../db/schema.ts";
import { badRequest, conflict, notFound } from "./errors.ts";
import { checkName } from "./names.ts";
import { hashPassword, hashToken, newToken, verifyPassword } from "./secrets.ts";

export type Account = Selectable<AccountsTable>;

export interface IssuedToken {
  id: number;
  token: string;
  role: TokenRole;
  name: string;
}

export interface TokenOwner {
  user: Account;
  token: { id: number; name: string; role: TokenRole; createdAt: string };
}

const now = () => new Date().toISOString();
/** A hash no password matches (of random bytes), checked against when the name is unknown. */
const UNUSABLE_PASSWORD_HASH = hashPassword(randomBytes(24).toString("hex"));
/** last_used_at is written at most this often per token, so reads don't turn into writes. */
const LAST_USED_GRANULARITY_MS = 60_000;

export class Accounts {
  constructor(private readonly db: Kysely<Database>) {}

  async byName(name: string): Promise<Account | undefined> {
    return this.db.selectFrom("accounts").selectAll().where("name_key", "=", name.toLowerCase()).executeTakeFirst();
  }

  async byId(id: number): Promise<Account | undefined> {
    return this.db.selectFrom("accounts").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async createUser(input: { name: string; email?: string; password?: string; admin?: boolean; fullname?: string }): Promise<Account> {
    checkName(input.name, "user");
    return this.insert({ kind: "user", name: input.name, email: input.email ?? null, password_hash: input.password ? hashPassword(input.password) : null, is_admin: input.admin ? 1 : 0, fullname: input.fullname ?? input.name });
  }

  async createOrg(input: { name: string; fullname?: string; members: { user: string; role: OrgRole }[] }): Promise<Account> {
    checkName(input.name, "organisation");
    const members = [];
    for (const m of input.members) {
      const user = await this.byName(m.user);
      if (!user || user.kind !== "user") throw notFound("UserNotFound", `no user named "${m.user}"`);
      members.push({ user, role: m.role });
    }
    const org = await this.insert({ kind: "org", name: input.name, email: null, password_hash: null, is_admin: 0, fullname: input.fullname ?? input.name });
    for (const m of members) await this.setMember(org.id, m.user.id, m.role);
    return org;
  }

  async setMember(orgId: number, userId: number, role: OrgRole): Promise<void> {
    await this.db.deleteFrom("org_members").where("org_id", "=", orgId).where("user_id", "=", userId).execute();
    await this.db.insertInto("org_members").values({ org_id: orgId, user_id: userId, role, created_at: now() }).execute();
  }

  async orgRole(orgId: number, userId: number): Promise<OrgRole | undefined> {
    const row = await this.db.selectFrom("org_members").select("role").where("org_id", "=", orgId).where("user_id", "=", userId).executeTakeFirst();
    return row?.role;
  }

  async orgsOf(userId: number): Promise<{ org: Account; role: OrgRole }[]> {
    const rows = await this.db
      .selectFrom("org_members")
      .innerJoin("accounts", "accounts.id", "org_members.org_id")
      .selectAll("accounts")
      .select("org_members.role")
      .where("org_members.user_id", "=", userId)
      .orderBy("accounts.name_key")
      .execute();
    return rows.map(({ role, ...org }) => ({ org, role }));
  }

  /** The members of an organisation with their roles, by name. */
  async membersOf(orgId: number): Promise<{ user: Account; role: OrgRole }[]> {
    const rows = await this.db
      .selectFrom("org_members")
      .innerJoin("accounts", "accounts.id", "org_members.user_id")
      .selectAll("accounts")
      .select("org_members.role")
      .where("org_members.org_id", "=", orgId)
      .orderBy("accounts.name_key")
      .execute();
    return rows.map(({ role, ...user }) => ({ user, role }));
  }

  /** Removes a member; the last admin stays, so an organisation is never left without one. */
  async removeMember(orgId: number, userId: number): Promise<void> {
    const members = await this.membersOf(orgId);
    const member = members.find((m) => m.user.id === userId);
    if (!member) throw notFound("UserNotFound", "not a member of this organisation");
    if (member.role === "admin" && members.filter((m) => m.role === "admin").length === 1) throw conflict("LastAdmin", "an organisation keeps at least one admin");
    await this.db.deleteFrom("org_members").where("org_id", "=", orgId).where("user_id", "=", userId).execute();
  }

  /** Changes a member's role, keeping at least one admin. */
  async changeMemberRole(orgId: number, userId: number, role: OrgRole): Promise<void> {
    const members = await this.membersOf(orgId);
    const member = members.find((m) => m.user.id === userId);
    if (!member) throw notFound("UserNotFound", "not a member of this organisation");
    if (member.role === "admin" && role !== "admin" && members.filter((m) => m.role === "admin").length === 1) throw conflict("LastAdmin", "an organisation keeps at least one admin");
    await this.setMember(orgId, userId, role);
  }

  async updateProfile(userId: number, input: { fullname: string; email: string | null }): Promise<void> {
    await this.db.updateTable("accounts").set({ fullname: input.fullname, email: input.email }).where("id", "=", userId).execute();
  }

  /** Sets a new password after checking the current one (when the account has one). */
  async changePassword(userId: number, current: string, next: string): Promise<void> {
    const user = await this.byId(userId);
    if (!user) throw notFound("UserNotFound", "no such user");
    if (user.password_hash && !verifyPassword(current, user.password_hash)) throw badRequest("WrongPassword", "the current password is not correct");
    await this.setPassword(userId, next);
  }

  /** Sets a password without asking for the old one (the operator's `evalhub user password`). */
  async setPassword(userId: number, password: string): Promise<void> {
    await this.db.updateTable("accounts").set({ password_hash: hashPassword(password) }).where("id", "=", userId).execute();
  }

  async issueToken(userId: number, input: { name: string; role: TokenRole; token?: string }): Promise<IssuedToken> {
    const token = input.token ?? newToken();
    const row = await this.db
      .insertInto("tokens")
      .values({ user_id: userId, name: input.name, role: input.role, token_hash: hashToken(token), hint: token.slice(-4), created_at: now(), last_used_at: null, revoked_at: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { id: row.id, token, role: input.role, name: input.name };
  }

  async listTokens(userId: number) {
    return this.db.selectFrom("tokens").select(["id", "name", "role", "hint", "created_at", "last_used_at", "revoked_at"]).where("user_id", "=", userId).orderBy("id").execute();
  }

  async revokeToken(userId: number, tokenId: number): Promise<void> {
    const result = await this.db.updateTable("tokens").set({ revoked_at: now() }).where("id", "=", tokenId).where("user_id", "=", userId).where("revoked_at", "is", null).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw notFound("NotFound", "no such active token");
  }

  /** The user a token belongs to, or undefined for an unknown or revoked token. */
  async authenticateToken(token: string): Promise<TokenOwner | undefined> {
    const row = await this.db
      .selectFrom("tokens")
      .innerJoin("accounts", "accounts.id", "tokens.user_id")
      .selectAll("accounts")
      .select(["tokens.id as token_id", "tokens.name as token_name", "tokens.role as token_role", "tokens.created_at as token_created_at", "tokens.last_used_at", "tokens.revoked_at"])
      .where("tokens.token_hash", "=", hashToken(token))
      .executeTakeFirst();
    if (!row || row.revoked_at !== null) return undefined;
    const { token_id, token_name, token_role, token_created_at, last_used_at, revoked_at: _revoked, ...user } = row;
    if (!last_used_at || Date.now() - Date.parse(last_used_at) > LAST_USED_GRANULARITY_MS) {
      await this.db.updateTable("tokens").set({ last_used_at: now() }).where("id", "=", token_id).execute();
    }
    return { user, token: { id: token_id, name: token_name, role: token_role, createdAt: token_created_at } };
  }

  async authenticatePassword(name: string, password: string): Promise<Account | undefined> {
    const user = await this.byName(name);
    if (!user?.password_hash || user.kind !== "user") {
      // The same scrypt work as a real check, so the answer's timing does not tell which names exist.
      verifyPassword(password, UNUSABLE_PASSWORD_HASH);
      return undefined;
    }
    return verifyPassword(password, user.password_hash) ? user : undefined;
  }

  async countUsers(): Promise<number> {
    const row = await this.db.selectFrom("accounts").select((eb) => eb.fn.countAll<number>().as("n")).where("kind", "=", "user").executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private async insert(values: Omit<Account, "id" | "name_key" | "created_at">): Promise<Account> {
    if (await this.byName(values.name)) throw conflict("NameTaken", `the name "${values.name}" is already taken`);
    return this.db.insertInto("accounts").values({ ...values, name_key: values.name.toLowerCase(), created_at: now() }).returningAll().executeTakeFirstOrThrow();
  }
}
