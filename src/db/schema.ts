import type { Generated } from "kysely";
import type { ResultsTables } from "./schema-results.ts";
import type { TrustTables } from "./schema-trust.ts";
import type { WebhookTables } from "./schema-webhooks.ts";
import type { SessionTables } from "./schema-sessions.ts";

// Table types for Kysely. Each migration that adds or changes a table updates this file.
//
// Portable conventions, so one query runs unchanged on SQLite and PostgreSQL:
// - column names are snake_case, written as-is in queries (no case-converting plugin);
// - timestamps are ISO-8601 UTC text from `new Date().toISOString()`: they sort correctly
//   as strings, read well in both databases and avoid PostgreSQL timestamp/time-zone types;
// - integer ids and counts arrive as JavaScript numbers on both dialects (see connect.ts).

export interface MetaTable {
  key: string;
  value: string;
  updated_at: string;
}

export type AccountKind = "user" | "org";
export type OrgRole = "read" | "write" | "admin";
export type TokenRole = "read" | "write";
export type RepoKind = "model" | "dataset";

export interface AccountsTable {
  id: Generated<number>;
  kind: AccountKind;
  name: string;
  /** Lower-cased name: namespaces are unique whatever their case. */
  name_key: string;
  fullname: string;
  email: string | null;
  /** scrypt hash (`scrypt$N$r$p$salt$hash`); null for organisations and token-only users. */
  password_hash: string | null;
  is_admin: number;
  created_at: string;
}

export interface OrgMembersTable {
  org_id: number;
  user_id: number;
  role: OrgRole;
  created_at: string;
}

export interface TokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  role: TokenRole;
  /** SHA-256 of the token: tokens are long random secrets, so a fast hash is enough and lookups stay indexed. */
  token_hash: string;
  /** The last characters of the token, to tell tokens apart in lists. */
  hint: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface ReposTable {
  id: Generated<number>;
  kind: RepoKind;
  owner_id: number;
  namespace: string;
  name: string;
  /** `kind:namespace/name`, lower-cased: one repository per id whatever the case. */
  repo_key: string;
  private: number;
  created_at: string;
  updated_at: string;
}

export type DiscussionKind = "discussion" | "pull_request";
export type DiscussionStatus = "open" | "closed" | "merged" | "draft";

export interface DiscussionsTable {
  id: Generated<number>;
  repo_id: number;
  /** Per repository, shared by discussions and pull requests; PR N lives at `refs/pr/N`. */
  num: number;
  kind: DiscussionKind;
  title: string;
  status: DiscussionStatus;
  /** Null once the author's account is gone (shown as "deleted"). */
  author_id: number | null;
  /** `refs/pr/N` for a pull request, null for a discussion. */
  git_ref: string | null;
  /** The branch a pull request targets, e.g. `refs/heads/main`. */
  base_ref: string | null;
  created_at: string;
  updated_at: string;
}

export type DiscussionEventKind = "comment" | "status-change" | "commit" | "title-change" | "merge";

export interface DiscussionEventsTable {
  id: Generated<number>;
  discussion_id: number;
  /** 24 hex digits: the event's id on the wire (HF's comment ids), not guessable from its neighbours. */
  public_id: string;
  kind: DiscussionEventKind;
  /** Who did it; null once the account is gone. */
  actor_id: number | null;
  /** JSON text; its shape depends on `kind` (see src/hub/discussions/event-payloads.ts). */
  payload: string;
  /** Comments only: 1 once edited by its author. */
  edited: number;
  /** Comments only: 1 once hidden by a moderator; its text is then gone. */
  hidden: number;
  created_at: string;
  /** The last edit or hide, and by whom. */
  updated_at: string | null;
  updated_by: number | null;
}

/** One row (id 1): moved forward by triggers on every write a cached read depends on (migration 0010). */
export interface ReadVersionTable {
  id: number;
  version: number;
}

export interface Database extends ResultsTables, TrustTables, WebhookTables, SessionTables {
  meta: MetaTable;
  accounts: AccountsTable;
  org_members: OrgMembersTable;
  tokens: TokensTable;
  repos: ReposTable;
  discussions: DiscussionsTable;
  discussion_events: DiscussionEventsTable;
  read_version: ReadVersionTable;
}
