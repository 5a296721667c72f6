import type { Command } from "commander";
import { HubClient } from "./hub-client/client.ts";
import { readSavedLogin } from "./saved-login.ts";
import { UsageError } from "./usage-error.ts";

export interface HubOption {
  hub?: string;
}

/** Adds `--hub URL` to a command that talks to a hub. */
export function withHubOption(command: Command): Command {
  return command.option("--hub <url>", "the hub's URL (default: $EVALHUB_HUB, else the one `evalhub login` saved)");
}

/**
 * The hub a command talks to and the token it sends. The URL: `--hub`, else `EVALHUB_HUB`, else the saved login.
 * The token: `EVALHUB_TOKEN`, else `HF_TOKEN`, else the saved login's, but only for the hub it was saved for,
 * so a token never goes to another hub by accident.
 */
export function hubClient(options: HubOption, env: NodeJS.ProcessEnv = process.env): HubClient {
  const saved = readSavedLogin();
  const url = options.hub ?? (env.EVALHUB_HUB || undefined) ?? saved?.hub;
  if (url === undefined) throw new UsageError("which hub? pass --hub URL, set EVALHUB_HUB, or run `evalhub login --hub URL`");
  const checked = checkedHubUrl(url);
  const envToken = env.EVALHUB_TOKEN || env.HF_TOKEN || null;
  const savedToken = saved && sameHub(saved.hub, checked) ? saved.token : null;
  return new HubClient(checked, envToken ?? savedToken);
}

export function checkedHubUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--hub: "${url}" is not a URL`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new UsageError(`--hub: "${url}" must be an http or https URL`);
  if (parsed.username || parsed.password) throw new UsageError("--hub: put no credentials in the URL; use `evalhub login` or EVALHUB_TOKEN");
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, "")}`;
}

const sameHub = (a: string, b: string) => checkedHubUrl(a) === checkedHubUrl(b);
