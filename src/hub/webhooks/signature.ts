import { createHmac, timingSafeEqual } from "node:crypto";

/** The `X-Evalhub-Signature` value: HMAC-SHA256 of the raw body under the subscription's secret, as `sha256=<hex>`. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

/** What a receiver does: recompute the signature and compare in constant time. */
export function verifyBodySignature(secret: string, body: string, header: string | undefined | null): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, body));
  const actual = Buffer.from(header);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
