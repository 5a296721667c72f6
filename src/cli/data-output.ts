import { csvLine } from "../formats/csv.ts";
import { UsageError } from "./usage-error.ts";

export type DataFormat = "table" | "csv" | "json";

export function dataFormat(raw: string): DataFormat {
  if (raw === "table" || raw === "csv" || raw === "json") return raw;
  throw new UsageError(`--format must be table, csv or json, not "${raw}"`);
}

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

/**
 * Prints records as an aligned text table, CSV (a header line, then one line per record) or JSON (`json` is the
 * records as the hub sent them, so scripts get every field).
 */
export function printRecords<T>(format: DataFormat, columns: readonly Column<T>[], rows: readonly T[], out: NodeJS.WritableStream = process.stdout): void {
  if (format === "json") return void out.write(`${JSON.stringify(rows, null, 2)}\n`);
  if (format === "csv") {
    out.write(csvLine(columns.map((c) => c.header)));
    for (const row of rows) out.write(csvLine(columns.map((c) => c.value(row))));
    return;
  }
  const cells = rows.map((row) => columns.map((c) => text(c.value(row))));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]?.length ?? 0)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  out.write(`${line(columns.map((c) => c.header))}\n${line(widths.map((w) => "-".repeat(w)))}\n`);
  for (const row of cells) out.write(`${line(row)}\n`);
}

function text(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "yes" : "";
  // Table cells are one line, whatever the data holds.
  return String(value).replace(/[\r\n\t]+/g, " ");
}
