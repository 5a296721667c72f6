import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import { canonicalJson } from "../canonical-json.ts";

/** An Ed25519 public key as an RFC 8037 JWK: the only key type tokens are signed with. */
export interface Ed25519Jwk {
  kty: "OKP";
  crv: "Ed25519";
  x: string;
}

/** A public key as read from a JWK, with the optional members this hub understands. */
export interface ReadJwk {
  jwk: Ed25519Jwk;
  /** The JWK's own kid, or its RFC 7638 thumbprint when it has none. */
  kid: string;
  /** Our member naming the issuer the key belongs to (offline verifiers map kid → issuer with it). */
  iss?: string;
  /** Our member listing the benchmarks the issuer is trusted for; absent means all. */
  benchmarks?: string[];
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const KID = /^[\x21-\x7e]{1,200}$/;

/** The public half of an Ed25519 key (a private key's `d` is never exported). */
export function publicJwkOf(key: KeyObject): Ed25519Jwk {
  const exported = createPublicKey(key).export({ format: "jwk" });
  if (exported.kty !== "OKP" || exported.crv !== "Ed25519" || typeof exported.x !== "string") throw new TypeError("not an Ed25519 key");
  return { kty: "OKP", crv: "Ed25519", x: exported.x };
}

/** RFC 7638 thumbprint: base64url SHA-256 of the required members, in canonical JSON. The default kid. */
export function thumbprint(jwk: Ed25519Jwk): string {
  return createHash("sha256").update(canonicalJson({ crv: jwk.crv, kty: jwk.kty, x: jwk.x })).digest("base64url");
}

export const keyObjectOf = (jwk: Ed25519Jwk): KeyObject => createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: "jwk" });

/** Reads one public JWK, or says why it cannot be used to check tokens. */
export function readPublicJwk(value: unknown): ReadJwk | { error: string } {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { error: "a JWK must be a JSON object" };
  const v = value as Record<string, unknown>;
  if (v.d !== undefined) return { error: "this JWK holds a private key (member d); give the public key only" };
  if (v.kty !== "OKP" || v.crv !== "Ed25519") return { error: `only Ed25519 keys (kty OKP, crv Ed25519) are supported, not kty ${String(v.kty)} crv ${String(v.crv)}` };
  if (typeof v.x !== "string" || !BASE64URL.test(v.x) || Buffer.from(v.x, "base64url").length !== 32) return { error: "x must be the 32-byte public key in base64url" };
  if (v.alg !== undefined && v.alg !== "EdDSA") return { error: `alg must be EdDSA, not ${String(v.alg)}` };
  if (v.use !== undefined && v.use !== "sig") return { error: `use must be sig, not ${String(v.use)}` };
  if (v.kid !== undefined && (typeof v.kid !== "string" || !KID.test(v.kid))) return { error: "kid must be 1 to 200 printable characters without spaces" };
  if (v.iss !== undefined && (typeof v.iss !== "string" || v.iss.trim() === "")) return { error: "iss must be a non-empty string" };
  if (v.benchmarks !== undefined && (!Array.isArray(v.benchmarks) || !v.benchmarks.every((b) => typeof b === "string"))) return { error: "benchmarks must be a list of dataset ids" };
  const jwk: Ed25519Jwk = { kty: "OKP", crv: "Ed25519", x: v.x };
  return {
    jwk,
    kid: typeof v.kid === "string" ? v.kid : thumbprint(jwk),
    ...(typeof v.iss === "string" ? { iss: v.iss } : {}),
    ...(Array.isArray(v.benchmarks) ? { benchmarks: v.benchmarks as string[] } : {}),
  };
}

/** A JWKS (`{keys: […]}`) or a single JWK: every key in it, or the first reason one cannot be used. */
export function readPublicJwks(value: unknown): ReadJwk[] | { error: string } {
  const list = value !== null && typeof value === "object" && Array.isArray((value as { keys?: unknown }).keys) ? (value as { keys: unknown[] }).keys : [value];
  const out: ReadJwk[] = [];
  for (const [i, item] of list.entries()) {
    const read = readPublicJwk(item);
    if ("error" in read) return { error: list.length > 1 ? `key ${i + 1}: ${read.error}` : read.error };
    out.push(read);
  }
  if (out.length === 0) return { error: "the JWKS has no keys" };
  return out;
}
