import { claimMismatch, readClaims, type ResultSubject } from "./claims.ts";
import { decodeJws, signatureValid } from "./jws.ts";
import type { TrustSet } from "./trusted-keys.ts";

/** Whether an entry is verified, and why not or by whom. */
export interface Verification {
  verified: boolean;
  /** Why it is not verified; null when it is. */
  reason: string | null;
  /** The issuer that vouches for it; null when it is not verified. */
  issuer: string | null;
}

const unverified = (reason: string): Verification => ({ verified: false, reason, issuer: null });

/**
 * Checks an entry's verifyToken: a well-formed EdDSA compact JWS, signed by a trusted key, whose claims name the
 * key's issuer and equal the entry, from an issuer trusted for the entry's benchmark. The first failure is the reason.
 */
export function verifyResult(token: string | undefined, subject: ResultSubject, trust: TrustSet): Verification {
  if (token === undefined) return unverified("no token");
  const decoded = decodeJws(token);
  if ("error" in decoded) return unverified(`malformed token: ${decoded.error}`);
  const { header, payload } = decoded.jws;
  if (header.alg !== "EdDSA") return unverified(`unsupported alg ${header.alg}: only EdDSA tokens are accepted`);
  if (header.crit !== undefined) return unverified("unsupported critical header parameters (crit)");
  if (typeof header.kid !== "string" || header.kid === "") return unverified("token has no kid");
  const found = trust.get(header.kid);
  if (!found) return unverified(`unknown key ${header.kid}: no trusted issuer has it`);
  if (!signatureValid(decoded.jws, found.publicKey)) return unverified("bad signature");
  const read = readClaims(payload);
  if ("error" in read) return unverified(`malformed claims: ${read.error}`);
  const { claims } = read;
  const issuer = found.key.issuer;
  if (claims.iss !== issuer) return unverified(`token names issuer ${claims.iss} but key ${header.kid} belongs to ${issuer}`);
  const mismatch = claimMismatch(claims, subject);
  if (mismatch) return unverified(mismatch);
  if (!trust.trusts(found.key, subject.dataset)) return unverified(`issuer ${issuer} is not trusted for ${subject.dataset}`);
  return { verified: true, reason: null, issuer };
}
