// The browser sessions table (migration 0008). See the conventions in schema.ts.

export interface WebSessionsTable {
  /** SHA-256 (hex) of the session id the cookie carries; the id itself is never stored. */
  id_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
}

export interface SessionTables {
  web_sessions: WebSessionsTable;
}
