// A steady load: requests sent at evenly spaced moments over a pool of kept-alive connections, whatever the answers
// do. autocannon's rate limit instead lets every connection send its share of a second at once when the second starts,
// so its latencies measure that burst's queue. Each latency here runs from the moment the request was due, not from
// when a connection was free to send it: a server that stalls is charged for every request it held up.
import { Agent, request } from "node:http";
import type { LoadFigures } from "./load.ts";

export interface PacedLoadOptions {
  /** Requests per second over all connections. */
  rate: number;
  seconds: number;
  /** At most this many requests in flight; a due request waits for a free one (and that wait counts). */
  connections: number;
  /** A request not answered in this time counts as a timeout. */
  timeoutMs?: number;
}

type Outcome = "ok" | "non2xx" | "error" | "timeout";

function send(agent: Agent, url: URL, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const req = request(url, { agent, method: "GET" }, (res) => {
      res.on("data", () => undefined);
      res.on("end", () => settle(res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300 ? "ok" : "non2xx"));
      res.on("error", () => settle("error"));
    });
    req.setTimeout(timeoutMs, () => {
      settle("timeout");
      req.destroy();
    });
    req.on("error", () => settle("error"));
    req.end();
  });
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;

export interface PacedLoadFigures extends LoadFigures {
  /** p50 and p99 of each path, in the order given. */
  byPath: { path: string; p50: number; p99: number }[];
  /** p50 and p99 of the reads of the paths `test` accepts, together. */
  among(test: (path: string) => boolean): { p50: number; p99: number };
}

/** Sends `rate` requests a second for `seconds` to `base`, cycling through `paths`. */
export async function pacedLoad(base: string, paths: readonly string[], options: PacedLoadOptions): Promise<PacedLoadFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const urls = paths.map((path) => new URL(path, base));
  const interval = 1000 / options.rate;
  const total = Math.round(options.rate * options.seconds);
  const latencies: number[] = [];
  const pathLatencies = paths.map((): number[] => []);
  const counts: Record<Outcome, number> = { ok: 0, non2xx: 0, error: 0, timeout: 0 };
  const inFlight = new Set<Promise<void>>();
  const start = performance.now();
  let next = 0;
  try {
    while (next < total) {
      const now = performance.now();
      for (; next < total && start + next * interval <= now; next++) {
        const due = start + next * interval;
        const which = next % urls.length;
        const done: Promise<void> = send(agent, urls[which] as URL, options.timeoutMs ?? 10_000).then((outcome) => {
          counts[outcome]++;
          if (outcome === "ok") {
            const ms = performance.now() - due;
            latencies.push(ms);
            pathLatencies[which]?.push(ms);
          }
          inFlight.delete(done);
        });
        inFlight.add(done);
      }
      if (next < total) await new Promise((resolve) => setTimeout(resolve, Math.max(0, start + next * interval - performance.now())));
    }
    await Promise.all(inFlight);
  } finally {
    agent.destroy();
  }
  const elapsed = (performance.now() - start) / 1000;
  const round = (ms: number) => Math.round(ms * 10) / 10;
  const figures = (xs: number[]) => {
    const sorted = xs.sort((a, b) => a - b);
    return { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)) };
  };
  const failures = counts.non2xx + counts.error + counts.timeout;
  const byPath = paths.map((path, i) => ({ path, ...figures(pathLatencies[i] ?? []) }));
  const among = (test: (path: string) => boolean) => figures(paths.flatMap((path, i) => (test(path) ? (pathLatencies[i] ?? []) : [])));
  return { ...figures(latencies), among, rps: (total - failures) / elapsed, requests: total, failures, non2xx: counts.non2xx, errors: counts.error, timeouts: counts.timeout, byPath };
}
