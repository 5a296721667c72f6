import type { IndexDifference, IndexValue } from "../hub/results/index-difference.ts";

const MAX_VALUE_CHARS = 100;

/** One line per difference: `TABLE REPO KEY: what differs`, naming only the columns that differ. */
export function describeDifference(d: IndexDifference): string {
  const where = `${d.table} ${d.repo} ${d.key}`;
  if (d.expected === null) return `${where}: should not be indexed, found ${brief(d.actual)}`;
  if (d.actual === null) return `${where}: missing, git implies ${brief(d.expected)}`;
  if (typeof d.expected === "string" || typeof d.actual === "string") return `${where}: expected ${brief(d.expected)}, found ${brief(d.actual)}`;
  const expected = d.expected;
  const actual = d.actual;
  const columns = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].filter((c) => expected[c] !== actual[c]);
  return `${where}: ${columns.map((c) => `${c} expected ${brief(expected[c] ?? null)}, found ${brief(actual[c] ?? null)}`).join("; ")}`;
}

export const countDifferences = (n: number) => `${n} ${n === 1 ? "difference" : "differences"}`;

function brief(value: IndexValue | number | null): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}
