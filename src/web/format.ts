/** A score as people read it: up to four significant decimals, no trailing zeros. */
export function formatValue(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 1 : abs >= 1 ? 2 : 4;
  return String(Number(value.toFixed(digits)));
}

/** A parameter count as `7B`, `350M`. */
export function formatParams(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  if (n >= 1e9) return `${Number((n / 1e9).toFixed(1))}B`;
  if (n >= 1e6) return `${Number((n / 1e6).toFixed(0))}M`;
  return String(n);
}

/** The day of an ISO time, `2026-11-27`. */
export function formatDate(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : "—";
}

export const shortSha = (sha: string) => sha.slice(0, 8);

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** The setup of an entry as short `field: value` text. */
export function formatSetup(setup: Record<string, unknown> | null | undefined): string {
  if (!setup) return "";
  return Object.entries(setup)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join(", ");
}
