import { randomUUID } from "node:crypto";
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * A secret file of the data folder (mode 0600), created with `make()` on first use. It is written aside and then
 * linked into place, so processes starting together never read a half-written file nor replace each other's:
 * the first link wins and the others read it.
 */
export async function readOrCreateKeyFile(path: string, make: () => string): Promise<string> {
  const existing = await readIfExists(path);
  if (existing !== null) return existing;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const aside = `${path}.${randomUUID()}.tmp`;
  await writeFile(aside, make(), { mode: 0o600, flag: "wx" });
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
