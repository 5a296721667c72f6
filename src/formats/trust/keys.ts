import { createPrivateKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { publicJwkOf, thumbprint, type Ed25519Jwk } from "./jwk.ts";

/** An Ed25519 signing key with its public JWK and default kid (the JWK thumbprint). */
export interface SigningKey {
  privateKey: KeyObject;
  jwk: Ed25519Jwk;
  kid: string;
}

const of = (privateKey: KeyObject): SigningKey => {
  const jwk = publicJwkOf(privateKey);
  return { privateKey, jwk, kid: thumbprint(jwk) };
};

export function generateSigningKey(): SigningKey & { pem: string } {
  const { privateKey } = generateKeyPairSync("ed25519");
  return { ...of(privateKey), pem: privateKey.export({ type: "pkcs8", format: "pem" }) as string };
}

/** Reads a PEM private key (PKCS #8), or says why it cannot sign tokens. */
export function signingKeyFromPem(pem: string | Buffer): SigningKey | { error: string } {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (err) {
    return { error: `not a PEM private key (${(err as Error).message})` };
  }
  if (key.asymmetricKeyType !== "ed25519") return { error: `an Ed25519 key is needed, this is ${key.asymmetricKeyType ?? "unknown"}` };
  return of(key);
}
