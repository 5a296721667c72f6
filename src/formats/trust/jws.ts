import { sign, verify, type KeyObject } from "node:crypto";
import { canonicalJson } from "../canonical-json.ts";

// Compact JWS (RFC 7515) with EdDSA (RFC 8037) only: header and payload are canonical JSON (RFC 8785).

export interface JwsHeader {
  alg: string;
  kid?: string;
  typ?: string;
  [member: string]: unknown;
}

export interface DecodedJws {
  header: JwsHeader;
  payload: unknown;
  /** `BASE64URL(header).BASE64URL(payload)`: the bytes the signature covers. */
  signingInput: string;
  signature: Buffer;
}

const SEGMENT = /^[A-Za-z0-9_-]*$/;
const ED25519_SIGNATURE_BYTES = 64;

const encode = (value: unknown) => Buffer.from(canonicalJson(value), "utf8").toString("base64url");

/** Signs `payload` with an Ed25519 private key; the header is `{alg: "EdDSA", typ: "JWT", kid}`. */
export function signJws(payload: unknown, privateKey: KeyObject, kid: string): string {
  const signingInput = `${encode({ alg: "EdDSA", typ: "JWT", kid })}.${encode(payload)}`;
  return `${signingInput}.${sign(null, Buffer.from(signingInput, "ascii"), privateKey).toString("base64url")}`;
}

/** Splits and decodes a compact JWS without checking the signature, or says why it is not one. */
export function decodeJws(token: string): { jws: DecodedJws } | { error: string } {
  const parts = token.trim().split(".");
  if (parts.length !== 3) return { error: `a compact JWS has 3 dot-separated parts, this has ${parts.length}` };
  const [h = "", p = "", s = ""] = parts;
  if (![h, p, s].every((part) => SEGMENT.test(part))) return { error: "its parts must be base64url" };
  const header = parseJson(h);
  if (header === undefined || header === null || typeof header !== "object" || Array.isArray(header)) return { error: "its header is not a JSON object" };
  if (typeof (header as JwsHeader).alg !== "string") return { error: "its header has no alg" };
  const payload = parseJson(p);
  if (payload === undefined) return { error: "its payload is not JSON" };
  return { jws: { header: header as JwsHeader, payload, signingInput: `${h}.${p}`, signature: Buffer.from(s, "base64url") } };
}

/** Whether the signature of a decoded JWS is valid for the Ed25519 public key. */
export function signatureValid(jws: DecodedJws, publicKey: KeyObject): boolean {
  if (jws.signature.length !== ED25519_SIGNATURE_BYTES) return false;
  try {
    return verify(null, Buffer.from(jws.signingInput, "ascii"), publicKey, jws.signature);
  } catch {
    return false;
  }
}

function parseJson(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, "base64url").toString("utf8")) as unknown;
  } catch {
    return undefined;
  }
}
