import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { notAllowedMessage, type AllowedAddresses } from "./allowed-addresses.ts";
import { guardedLookup, ipLiteral } from "./guarded-lookup.ts";
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

export interface Delivery {
  url: string;
  secret: string;
  event: string;
  deliveryId: string;
  body: string;
  timeoutMs: number;
  /** Where it may connect: every address the URL's host resolves to must be allowed. */
  allowed: AllowedAddresses;
}

/**
 * One POST of a delivery: the raw JSON body, signed, with the event, delivery id and time as headers. Redirects are
 * not followed (a 3xx is a failure), so a subscription cannot be bounced to an address it did not name; nor can it
 * reach an address `allowed` refuses, whatever its host resolves to when the socket opens.
 */
export async function sendDelivery(input: Delivery): Promise<AttemptOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = new URL(input.url);
  // A socket to an IP address asks no lookup: the address is checked here instead.
  const literal = ipLiteral(url.hostname);
  if (literal !== null && !input.allowed.allows(literal)) {
    return { ok: false, statusCode: null, responseExcerpt: null, error: notAllowedMessage(url.hostname), durationMs: elapsed() };
  }
  try {
    const { statusCode, excerpt } = await post(url, input);
    const ok = statusCode >= 200 && statusCode < 300;
    return { ok, statusCode, responseExcerpt: excerpt, error: ok ? null : `HTTP ${statusCode}`, durationMs: elapsed() };
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
    const message = timedOut ? `no answer within ${input.timeoutMs} ms` : describe(err);
    return { ok: false, statusCode: null, responseExcerpt: null, error: message, durationMs: elapsed() };
  }
}

/** Sends the request and reads the status and the first bytes of the answer; the rest is not read. */
function post(url: URL, input: Delivery): Promise<{ statusCode: number; excerpt: string | null }> {
  const headers = {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(input.body)),
    "user-agent": "evalhub-webhooks/1",
    "x-evalhub-event": input.event,
    "x-evalhub-delivery": input.deliveryId,
    "x-evalhub-timestamp": new Date().toISOString(),
    "x-evalhub-signature": signBody(input.secret, input.body),
  };
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(url, { method: "POST", headers, agent: false, lookup: guardedLookup(input.allowed), signal: AbortSignal.timeout(input.timeoutMs) }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => {
        response.destroy();
        resolve({ statusCode: response.statusCode ?? 0, excerpt: size === 0 ? null : Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString("utf8") });
      };
      response.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= EXCERPT_BYTES) finish();
      });
      response.on("end", finish);
      response.on("error", finish);
    });
    request.on("error", reject);
    request.end(input.body);
  });
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err).slice(0, 300);
  const cause = (err as { cause?: unknown }).cause;
  const detail = cause instanceof Error ? `: ${cause.message}` : "";
  return `${err.message}${detail}`.slice(0, 300);
}
