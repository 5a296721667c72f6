import { randomUUID } from "node:crypto";
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { generateSigningKey, signingKeyFromPem, type SigningKey } from "../../formats/trust/keys.ts";
import type { TrustedKey } from "../../formats/trust/trusted-keys.ts";

/** The hub's own Ed25519 key: the issuer trusted for every benchmark. */
export interface HubSigningKey extends SigningKey {
  issuer: string;
  path: string;
}

export const hubKeyPath = (dataDir: string) => join(dataDir, "keys", "hub-signing.pem");

/** The hub key of the data folder, created (mode 0600) on first start. */
export async function loadHubSigningKey(dataDir: string, issuer: string): Promise<HubSigningKey> {
  const path = hubKeyPath(dataDir);
  const pem = (await readIfExists(path)) ?? (await create(path));
  const key = signingKeyFromPem(pem);
  if ("error" in key) throw new Error(`${path}: ${key.error}`);
  return { ...key, issuer, path };
}

export const hubTrustedKey = (hub: HubSigningKey): TrustedKey => ({ kid: hub.kid, issuer: hub.issuer, jwk: hub.jwk, benchmarks: null });

// Written aside then linked into place, so a server and a CLI starting together never read a half-written key
// and never replace each other's: the first link wins, the other reads it.
async function create(path: string): Promise<string> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const aside = `${path}.${randomUUID()}.tmp`;
  await writeFile(aside, generateSigningKey().pem, { mode: 0o600, flag: "wx" });
  try {
    await link(aside, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  } finally {
    await unlink(aside);
  }
  return readFile(path, "utf8");
}

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}
