const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Normalises a result date to ISO 8601: a calendar date stays `YYYY-MM-DD`; a date-time becomes UTC
 * `YYYY-MM-DDTHH:MM:SS(.sss)Z` (no zone means UTC, as YAML timestamps do). Null when not a real date.
 */
export function normaliseDate(input: string | Date): string | null {
  if (input instanceof Date) return Number.isNaN(input.getTime()) ? null : input.toISOString();
  const text = input.trim();
  const d = DATE.exec(text);
  if (d) return isRealDate(+d[1]!, +d[2]!, +d[3]!) ? text : null;
  const t = DATETIME.exec(text);
  if (!t) return null;
  const [, y, mo, da, h, mi, s = "00", frac = "", zone = "Z"] = t;
  if (!isRealDate(+y!, +mo!, +da!) || +h! > 23 || +mi! > 59 || +s > 60) return null;
  const offset = zone.toUpperCase() === "Z" ? "Z" : zone.length === 3 ? `${zone}:00` : zone.includes(":") ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const parsed = new Date(`${y}-${mo}-${da}T${h}:${mi}:${s}${frac.slice(0, 4)}${offset}`);
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString().replace(".000Z", "Z");
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
