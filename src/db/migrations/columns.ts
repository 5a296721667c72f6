import type { CreateTableBuilder } from "kysely";
import type { DialectName } from "../dialect.ts";

/** Adds an auto-increment integer primary key `id`, the one column type SQLite and PostgreSQL spell differently. */
export function addIdColumn<T extends string, C extends string>(
  table: CreateTableBuilder<T, C>,
  dialect: DialectName,
): CreateTableBuilder<T, C | "id"> {
  if (dialect === "postgres") {
    return table.addColumn("id", "bigint", (column) => column.primaryKey().generatedAlwaysAsIdentity());
  }
  return table.addColumn("id", "integer", (column) => column.primaryKey().autoIncrement());
}
