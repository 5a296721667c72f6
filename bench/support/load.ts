// 50 concurrent HTTP clients with autocannon (a devDependency, untyped: the few fields used are typed here).
interface AutocannonResult {
  latency: { p50: number; p99: number; average: number };
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: { url: string; connections: number; duration: number; requests: { path: string }[]}) => Promise<AutocannonResult>;

export interface LoadFigures {
  p50: number;
  p99: number;
  rps: number;
  requests: number;
  /** Every answer that was not a 2xx, every connection error and every timeout; broken down below. */
  failures: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

const moduleName = "autocannon";

/** Runs `connections` clients for `seconds` against `url`, cycling through `paths`, each sending as fast as answers come. */
export async function load(url: string, paths: readonly string[], options: { connections: number; seconds: number }): Promise<LoadFigures> {
  const autocannon = ((await import(moduleName)) as { default: Autocannon }).default;
  const r = await autocannon({ url, connections: options.connections, duration: options.seconds, requests: paths.map((path) => ({ path })) });
  return { p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.average, requests: r.requests.total, failures: r.non2xx + r.errors + r.timeouts, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts };
}

export const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? Number.NaN : s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

export const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : "–");
export const verdict = (met: boolean) => (met ? "met" : "**missed**");
