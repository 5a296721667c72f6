import { assertObjectId } from "./object-id.ts";
import { assertSafeRefName } from "./ref-names.ts";
import { runGit } from "./run.ts";

export interface PushUpdate {
  /** The local commit to push. */
  commit: string;
  /** The remote ref it becomes, e.g. `refs/heads/main`. */
  ref: string;
  /** The remote ref's current commit: the push only goes through while it still is (a lease); null to create the ref. */
  expected: string | null;
}

export interface PushToUrlOptions {
  /** Sent as the `Authorization` header of every request; never on the command line, never in the URL. */
  authorization?: string;
  timeoutMs?: number;
}

export type PushOutcome = { ok: true } | { ok: false; reason: string };

/**
 * Pushes commits of a local repository (`gitDir`, e.g. a clone's `.git`) to an http(s) git URL: the one place
 * evalhub talks to another git server (the CLI's import). Each update carries a lease, so a ref that moved
 * meanwhile is refused rather than overwritten.
 */
export async function pushToUrl(gitDir: string, url: string, updates: readonly PushUpdate[], options: PushToUrlOptions = {}): Promise<PushOutcome> {
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new TypeError(`pushToUrl: ${parsed.protocol} URLs are not supported`);
  const leases = updates.map((u) => `--force-with-lease=${assertSafeRefName(u.ref)}:${u.expected === null ? "" : assertObjectId(u.expected)}`);
  const refspecs = updates.map((u) => `${assertObjectId(u.commit)}:${u.ref}`);
  const env: Record<string, string> = options.authorization
    ? { GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: "http.extraHeader", GIT_CONFIG_VALUE_0: `Authorization: ${options.authorization}` }
    : {};
  const { code, stdout, stderr } = await runGit(gitDir, ["push", "--porcelain", "--no-verify", ...leases, "--end-of-options", parsed.toString(), ...refspecs], {
    config: ["protocol.http.allow=always", "protocol.https.allow=always", "http.followRedirects=false"],
    env,
    timeoutMs: options.timeoutMs ?? 30 * 60 * 1000,
    allowExitCodes: [1, 128],
  });
  if (code === 0) return { ok: true };
  return { ok: false, reason: pushFailure(`${stdout.toString("utf8")}\n${stderr}`) };
}

/** The lines of git's output that say why (porcelain `!` lines, errors, the server's messages), without progress noise. */
function pushFailure(output: string): string {
  const lines = output.split(/\r?\n/).map((l) => l.trim()).filter((l) => /^(error|fatal|remote|!)|rejected/i.test(l) && !/^remote:\s*$/.test(l));
  return (lines.length > 0 ? lines : [output.trim() || "git push failed"]).join("; ").slice(0, 2000);
}
