import { signBody } from "./signature.ts";

export interface AttemptOutcome {
  ok: boolean;
  statusCode: number | null;
  /** The first bytes of the response body, as text. */
  responseExcerpt: string | null;
  error: string | null;
  durationMs: number;
}

const EXCERPT_BYTES = 1024;

/**
 * One POST of a delivery: the raw JSON body, signed, with the event, delivery id and time as headers. Redirects are
 * not followed (a 3xx is a failure), so a subscription cannot be bounced to an address it did not name.
 */
export async function sendDelivery(input: { url: string; secret: string; event: string; deliveryId: string; body: string; timeoutMs: number }): Promise<AttemptOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const res = await fetch(input.url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(input.timeoutMs),
      headers: {
        "content-type": "application/json",
        "user-agent": "evalhub-webhooks/1",
        "x-evalhub-event": input.event,
        "x-evalhub-delivery": input.deliveryId,
        "x-evalhub-timestamp": new Date().toISOString(),
        "x-evalhub-signature": signBody(input.secret, input.body),
      },
      body: input.body,
    });
    const responseExcerpt = await readExcerpt(res);
    const ok = res.status >= 200 && res.status < 300;
    return { ok, statusCode: res.status, responseExcerpt, error: ok ? null : `HTTP ${res.status}`, durationMs: elapsed() };
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
    const message = timedOut ? `no answer within ${input.timeoutMs} ms` : describe(err);
    return { ok: false, statusCode: null, responseExcerpt: null, error: message, durationMs: elapsed() };
  }
}

async function readExcerpt(res: Response): Promise<string | null> {
  if (!res.body) return null;
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < EXCERPT_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString("utf8");
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err).slice(0, 300);
  const cause = (err as { cause?: unknown }).cause;
  const detail = cause instanceof Error ? `: ${cause.message}` : "";
  return `${err.message}${detail}`.slice(0, 300);
}
