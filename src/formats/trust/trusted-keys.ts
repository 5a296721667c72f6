import type { KeyObject } from "node:crypto";
import { keyObjectOf, readPublicJwks, type Ed25519Jwk } from "./jwk.ts";

/** A public key whose tokens are accepted: its issuer, and the benchmarks (dataset ids) it is trusted for, null for all. */
export interface TrustedKey {
  kid: string;
  issuer: string;
  jwk: Ed25519Jwk;
  benchmarks: readonly string[] | null;
}

/** A JWK as published in a JWKS: RFC 8037 members, kid/alg/use, and our `iss` and `benchmarks` members. */
export interface PublishedJwk extends Ed25519Jwk {
  kid: string;
  alg: "EdDSA";
  use: "sig";
  iss: string;
  benchmarks?: string[];
}

export function publishedJwk(key: TrustedKey): PublishedJwk {
  return { ...key.jwk, kid: key.kid, alg: "EdDSA", use: "sig", iss: key.issuer, ...(key.benchmarks ? { benchmarks: [...key.benchmarks] } : {}) };
}

export const jwksDocument = (keys: readonly TrustedKey[]) => ({ keys: keys.map(publishedJwk) });

/** The keys of a published JWKS, as an offline verifier trusts them: each must name its issuer (`iss`). */
export function trustedKeysOfJwks(value: unknown): TrustedKey[] | { error: string } {
  const read = readPublicJwks(value);
  if ("error" in read) return read;
  const nameless = read.find((k) => k.iss === undefined);
  if (nameless) return { error: `key ${nameless.kid} has no iss member, so its issuer is unknown` };
  return read.map((k) => ({ kid: k.kid, issuer: k.iss as string, jwk: k.jwk, benchmarks: k.benchmarks ?? null }));
}

/** Trusted keys by kid, with their key objects made once. */
export interface TrustSet {
  get(kid: string): { key: TrustedKey; publicKey: KeyObject } | undefined;
  /** Whether the key's issuer is trusted for results of this benchmark. */
  trusts(key: TrustedKey, datasetId: string): boolean;
}

export function trustSet(keys: readonly TrustedKey[]): TrustSet {
  const byKid = new Map<string, { key: TrustedKey; publicKey?: KeyObject }>(keys.map((key) => [key.kid, { key }]));
  return {
    get(kid) {
      const found = byKid.get(kid);
      if (!found) return undefined;
      found.publicKey ??= keyObjectOf(found.key.jwk);
      return { key: found.key, publicKey: found.publicKey };
    },
    trusts: (key, datasetId) => key.benchmarks === null || key.benchmarks.some((b) => b.toLowerCase() === datasetId.toLowerCase()),
  };
}
