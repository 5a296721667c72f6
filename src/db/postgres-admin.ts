import pg from "pg";

const databaseName = /^[a-z_][a-z0-9_]{0,62}$/;

/** Creates an empty database on the server that `adminUrl` reaches; returns a URL for it. */
export async function createPostgresDatabase(adminUrl: string, name: string): Promise<string> {
  await runAsAdmin(adminUrl, `CREATE DATABASE ${quotedName(name)}`);
  return postgresUrlFor(adminUrl, name);
}

/** Drops a database even while clients are still connected to it. */
export async function dropPostgresDatabase(adminUrl: string, name: string): Promise<void> {
  await runAsAdmin(adminUrl, `DROP DATABASE IF EXISTS ${quotedName(name)} WITH (FORCE)`);
}

export function postgresUrlFor(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function quotedName(name: string): string {
  if (!databaseName.test(name)) throw new Error(`invalid database name "${name}"`);
  return pg.escapeIdentifier(name);
}

async function runAsAdmin(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
