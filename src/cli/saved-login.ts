import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { UsageError } from "./usage-error.ts";

/** What `evalhub login` saves: one hub and its token. */
export interface SavedLogin {
  hub: string;
  token: string;
  user: string;
}

const savedLoginSchema = z.object({ hub: z.string().url(), token: z.string().min(1), user: z.string() });

/** `$XDG_CONFIG_HOME/evalhub/login.json`, else `~/.config/evalhub/login.json`. */
export function loginFile(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith("/") ? env.XDG_CONFIG_HOME : join(homedir(), ".config");
  return join(base, "evalhub", "login.json");
}

export function readSavedLogin(file = loginFile()): SavedLogin | null {
  if (!existsSync(file)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    throw new UsageError(`${file} is not valid JSON; run \`evalhub logout\` and log in again`);
  }
  const parsed = savedLoginSchema.safeParse(json);
  if (!parsed.success) throw new UsageError(`${file} is not a login file evalhub wrote; run \`evalhub logout\` and log in again`);
  return parsed.data;
}

/** Writes the file readable by its owner only (0600, its folder 0700), whatever the umask. */
export function saveLogin(login: SavedLogin, file = loginFile()): void {
  const dir = join(file, "..");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/** Removes the saved login; false when there was none. */
export function forgetLogin(file = loginFile()): boolean {
  if (!existsSync(file)) return false;
  rmSync(file);
  return true;
}
