import { meta } from "./0001_meta.ts";
import { accountsRepos } from "./0002_accounts_repos.ts";
import { discussions } from "./0003_discussions.ts";
import { discussionEvents } from "./0004_discussion_events.ts";
import { results } from "./0005_results.ts";
import { trustIssuers } from "./0006_trust_issuers.ts";
import { evidence } from "./0007_evidence.ts";
import { webSessions } from "./0008_web_sessions.ts";
import { webhooks } from "./0009_webhooks.ts";
import { readVersion } from "./0010_read_version.ts";
import { leaderboardIndex } from "./0011_leaderboard_index.ts";
import { repoTouchKeepsVersion } from "./0012_repo_touch_keeps_version.ts";
import type { DialectMigration } from "./migration.ts";

// Append new migrations here, one file each; names sort in the order they must run.
export const migrations: Readonly<Record<string, DialectMigration>> = {
  "0001_meta": meta,
  "0002_accounts_repos": accountsRepos,
  "0003_discussions": discussions,
  "0004_discussion_events": discussionEvents,
  "0005_results": results,
  "0006_trust_issuers": trustIssuers,
  "0007_evidence": evidence,
  "0008_web_sessions": webSessions,
  "0009_webhooks": webhooks,
  "0010_read_version": readVersion,
  "0011_leaderboard_index": leaderboardIndex,
  "0012_repo_touch_keeps_version": repoTouchKeepsVersion,
};
