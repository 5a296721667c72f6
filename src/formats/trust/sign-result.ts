import type { KeyObject } from "node:crypto";
import { claimsFor, type ResultSubject } from "./claims.ts";
import { signJws } from "./jws.ts";

/** Who signs: an Ed25519 private key, the kid verifiers find its public key by, and the issuer name it speaks for. */
export interface Signer {
  privateKey: KeyObject;
  kid: string;
  issuer: string;
}

/** A verifyToken vouching for `subject`, issued at `iat` (seconds) with the unique id `jti`. */
export function signResult(subject: ResultSubject, signer: Signer, issued: { iat: number; jti: string }): string {
  return signJws(claimsFor(subject, { iss: signer.issuer, ...issued }), signer.privateKey, signer.kid);
}
