import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";

/** One POST the receiver got: the raw body as sent (signatures are over it) and its headers. */
export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  body: { event: string; delivery: string } & Record<string, unknown>;
  answered: number;
}

/**
 * A local `node:http` endpoint that records every request. Each path answers with the statuses queued for it
 * (`failFirst(path, n)`), then 200.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  private readonly failures = new Map<string, number>();
  private server: Server | null = null;
  url = "";

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const path = req.url ?? "/";
        const left = this.failures.get(path) ?? 0;
        const status = left > 0 ? 500 : 200;
        if (left > 0) this.failures.set(path, left - 1);
        this.received.push({ path, headers: req.headers, raw, body: JSON.parse(raw) as Received["body"], answered: status });
        res.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "thanks" : "receiver is down");
      });
    });
    await new Promise<void>((done) => this.server!.listen(0, "127.0.0.1", done));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  }

  failFirst(path: string, count: number): void {
    this.failures.set(path, count);
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  /** Waits until `done` holds for what `path` received (the worker delivers in the background). */
  async waitFor(path: string, done: (got: Received[]) => boolean, timeoutMs = 30_000): Promise<Received[]> {
    const until = Date.now() + timeoutMs;
    while (!done(this.at(path))) {
      if (Date.now() > until) throw new Error(`${path} received only ${JSON.stringify(this.at(path).map((r) => r.body))}`);
      await sleep(50);
    }
    return this.at(path);
  }

  async stop(): Promise<void> {
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
  }
}
