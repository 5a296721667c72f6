import type { DialectName } from "../../src/db/dialect.ts";

const allDialects: readonly DialectName[] = ["sqlite", "postgres"];

/** Dialects the database tests run on: all of them, or the comma-separated TEST_DIALECTS. */
export function selectedDialects(): DialectName[] {
  const requested = process.env.TEST_DIALECTS?.trim();
  if (!requested) return [...allDialects];
  const names = requested.split(",").map((name) => name.trim());
  const unknown = names.filter((name) => !allDialects.includes(name as DialectName));
  if (unknown.length > 0) {
    throw new Error(`TEST_DIALECTS names unknown dialects: ${unknown.join(", ")} (known: ${allDialects.join(", ")})`);
  }
  return allDialects.filter((dialect) => names.includes(dialect));
}
