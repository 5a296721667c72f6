import { join } from "node:path";
import { generateSigningKey, signingKeyFromPem, type SigningKey } from "../../formats/trust/keys.ts";
import type { TrustedKey } from "../../formats/trust/trusted-keys.ts";
import { readOrCreateKeyFile } from "../key-file.ts";

/** The hub's own Ed25519 key: the issuer trusted for every benchmark. */
export interface HubSigningKey extends SigningKey {
  issuer: string;
  path: string;
}

export const hubKeyPath = (dataDir: string) => join(dataDir, "keys", "hub-signing.pem");

/** The hub key of the data folder, created (mode 0600) on first start. */
export async function loadHubSigningKey(dataDir: string, issuer: string): Promise<HubSigningKey> {
  const path = hubKeyPath(dataDir);
  const pem = await readOrCreateKeyFile(path, () => generateSigningKey().pem);
  const key = signingKeyFromPem(pem);
  if ("error" in key) throw new Error(`${path}: ${key.error}`);
  return { ...key, issuer, path };
}

export const hubTrustedKey = (hub: HubSigningKey): TrustedKey => ({ kid: hub.kid, issuer: hub.issuer, jwk: hub.jwk, benchmarks: null });
