export type DialectName = "sqlite" | "postgres";

export type DatabaseLocation =
  | { dialect: "postgres"; connectionString: string }
  | { dialect: "sqlite"; path: string };

const postgresScheme = /^postgres(?:ql)?:\/\//i;
const anyScheme = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Reads a database URL: `postgres://…`, `postgresql://…`, `sqlite:PATH`, a file path or `:memory:`. */
export function parseDatabaseUrl(url: string): DatabaseLocation {
  const trimmed = url.trim();
  if (trimmed === "") throw new Error("database URL is empty");
  if (postgresScheme.test(trimmed)) return { dialect: "postgres", connectionString: trimmed };
  if (/^sqlite:/i.test(trimmed)) {
    const path = trimmed.replace(/^sqlite:(\/\/)?/i, "");
    if (path === "") throw new Error(`database URL "${url}" names no SQLite file`);
    return { dialect: "sqlite", path };
  }
  if (anyScheme.test(trimmed)) {
    throw new Error(`unsupported database URL "${url}": use postgres://…, sqlite:PATH or a file path`);
  }
  return { dialect: "sqlite", path: trimmed };
}
