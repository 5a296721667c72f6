import { createHash, randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { sql } from "kysely";
import { expect, it } from "vitest";
import { parseDatabaseUrl } from "../../src/db/dialect.ts";
import { describeEachDialect } from "../support/dialects.ts";
import { inProcessHub } from "../support/in-process-hub.ts";

// Secrets are stored only as hashes: after creating a password, tokens and a session, no table, no database file
// and no file of the data folder holds any of them in plain text (nor base64 of them).

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

describeEachDialect("secrets at rest", (getDb) => {
  const env = inProcessHub(getDb);

  /** Every row of every table, as text. */
  async function everyRow(): Promise<{ tables: string[]; text: string }> {
    const { db } = env().hub;
    const tables = getDb().dialect === "postgres"
      ? (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)).rows.map((r) => r.name);
    let text = "";
    for (const table of tables) text += JSON.stringify((await sql`select * from ${sql.table(table)}`.execute(db)).rows);
    return { tables, text };
  }

  it("keeps passwords, access tokens and session ids only as hashes, in the database and in the data folder", async () => {
    const { hub } = env();
    const password = `pw-${randomBytes(12).toString("hex")}`;
    const user = await hub.accounts.createUser({ name: "secretive", password });
    const token = (await hub.accounts.issueToken(user.id, { name: "cli", role: "write" })).token;
    const session = (await hub.sessions.create(user.id)).id;
    expect(await hub.accounts.authenticatePassword("secretive", password)).toMatchObject({ id: user.id });
    expect((await hub.accounts.authenticateToken(token))?.user.id).toBe(user.id);

    const { tables, text } = await everyRow();
    expect(tables).toEqual(expect.arrayContaining(["accounts", "tokens", "web_sessions"]));
    // The scan sees the stored hashes, so it would see the secrets too.
    expect(text).toContain(createHash("sha256").update(token).digest("hex"));
    expect(text).toMatch(/scrypt\$16384\$/);
    const secrets = [password, token, session];
    for (const secret of secrets) {
      expect(text.includes(secret), "a table holds a secret in plain text").toBe(false);
      expect(text.includes(Buffer.from(secret).toString("base64")), "a table holds a secret in base64").toBe(false);
    }

    const files = await filesUnder(hub.config.dataDir);
    const location = parseDatabaseUrl(getDb().url);
    if (location.dialect === "sqlite") {
      for (const name of await readdir(dirname(location.path))) files.push(join(dirname(location.path), name));
    }
    expect(files.length).toBeGreaterThan(0);
    for (const path of files) {
      const bytes = await readFile(path);
      for (const secret of secrets) expect(bytes.includes(Buffer.from(secret)), `${path} holds a secret in plain text`).toBe(false);
    }
  });
});
