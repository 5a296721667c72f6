import { accessSync, constants, mkdirSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

/**
 * Configuration forced onto every git process with `-c`. Command-line config outranks the
 * repository's own config, and git hands it on to the processes it starts itself
 * (pack-objects, index-pack, gc) through GIT_CONFIG_PARAMETERS.
 */
export const SAFETY_CONFIG: readonly string[] = [
  // The hub reacts to ref changes through callbacks, never through hooks found on disk.
  "core.hooksPath=/dev/null",
  "core.fsmonitor=false",
  "credential.helper=",
  // The server never talks to other remotes.
  "protocol.allow=never",
];

const FALLBACK_PATH = "/usr/local/bin:/usr/bin:/bin";

let cachedHome: string | undefined;
let cachedBinary: string | undefined;

/**
 * An empty private directory used as HOME, so nothing from a user's dotfiles reaches git. One per OS user,
 * reused by every process (a fresh one per process would pile up in the temp folder); if it exists but is
 * not ours and private, a fresh one is made instead.
 */
export function safeHome(): string {
  if (cachedHome) return cachedHome;
  const shared = join(tmpdir(), `evalhub-git-home-${process.getuid?.() ?? "user"}`);
  mkdirSync(shared, { recursive: true, mode: 0o700 });
  const info = statSync(shared);
  const ours = info.uid === process.getuid?.() && (info.mode & 0o077) === 0;
  cachedHome = ours ? shared : mkdtempSync(join(tmpdir(), "evalhub-git-home-"));
  return cachedHome;
}

/** Absolute path of the git executable, resolved once so later PATH changes cannot swap it. */
export function gitBinary(): string {
  cachedBinary ??= findOnPath("git") ?? "git";
  return cachedBinary;
}

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? FALLBACK_PATH).split(delimiter)) {
    if (!dir.startsWith("/")) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}

/**
 * The complete environment of a git process. Nothing is inherited except PATH: a stray GIT_DIR,
 * GIT_CONFIG_PARAMETERS or GIT_OBJECT_DIRECTORY in the server's environment must not redirect git.
 */
export function hardenedEnvironment(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    // Caller additions first, so they can never override the hardening below.
    ...extra,
    PATH: process.env.PATH ?? FALLBACK_PATH,
    HOME: safeHome(),
    LC_ALL: "C",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_ATTR_NOSYSTEM: "1",
    GIT_TERMINAL_PROMPT: "0",
    GIT_NO_REPLACE_OBJECTS: "1",
    // Paths we pass are file names, never glob or `:(magic)` patterns.
    GIT_LITERAL_PATHSPECS: "1",
  };
}
