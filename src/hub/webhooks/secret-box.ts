import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { join } from "node:path";
import { readOrCreateKeyFile } from "../key-file.ts";

// A signing secret must be readable by the hub (an HMAC is made with the secret itself, so a hash like the one
// kept for tokens cannot sign). It is kept sealed with AES-256-GCM under a key that lives in the data folder,
// not in the database: a leaked database dump or backup does not reveal the secrets, while every process sharing
// the data folder (as they must anyway, for git) can sign.

const VERSION = "v1";

export const webhookKeyPath = (dataDir: string) => join(dataDir, "keys", "webhook-secrets.key");

export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** The data folder's key, created (mode 0600) on first use. */
  static async open(dataDir: string): Promise<SecretBox> {
    const path = webhookKeyPath(dataDir);
    return new SecretBox(decodeKey(await readOrCreateKeyFile(path, () => `${randomBytes(32).toString("base64")}\n`), path));
  }

  seal(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const data = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
    return [VERSION, iv.toString("base64"), cipher.getAuthTag().toString("base64"), data.toString("base64")].join(":");
  }

  /** Throws when the sealed text was made under another key (a data folder that does not match the database). */
  open(sealed: string): string {
    const [version, iv, tag, data] = sealed.split(":");
    if (version !== VERSION || !iv || !tag || data === undefined) throw new Error("unknown sealed secret format");
    const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64"));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64")), decipher.final()]).toString("utf8");
  }
}

function decodeKey(text: string, path: string): Buffer {
  const key = Buffer.from(text.trim(), "base64");
  if (key.length !== 32) throw new Error(`${path}: not a 32-byte base64 key`);
  return key;
}
