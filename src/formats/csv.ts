/**
 * One CSV record (RFC 4180): fields with a comma, quote, CR or LF are quoted, quotes doubled. A field that a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@` first, not a number) gets a leading `'`.
 */
export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text) && !/^[-+]?\d/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
