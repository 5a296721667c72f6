import type { Command } from "commander";
import { HubClient } from "../hub-client/client.ts";
import { whoami } from "../hub-client/whoami.ts";
import { checkedHubUrl } from "../hub-target.ts";
import { readStdin } from "../open-hub.ts";
import { forgetLogin, loginFile, saveLogin } from "../saved-login.ts";
import { UsageError } from "../usage-error.ts";

interface LoginOptions {
  hub?: string;
  token?: string;
  tokenStdin?: boolean;
}

/** `evalhub login` checks a token against a hub and saves both; `evalhub logout` forgets them. */
export function registerLogin(program: Command): void {
  program
    .command("login")
    .description(`check a token with the hub and save the hub's URL and the token (in ${loginFile().replace(/^.*\/(evalhub\/)/, "…/$1")}, mode 0600)`)
    .option("--hub <url>", "the hub's URL (default: $EVALHUB_HUB)")
    .option("--token <token>", "the access token (visible to other local users in the process list: prefer --token-stdin or EVALHUB_TOKEN)")
    .option("--token-stdin", "read the token from standard input")
    .action(async (options: LoginOptions) => {
      const url = options.hub ?? (process.env.EVALHUB_HUB || undefined);
      if (url === undefined) throw new UsageError("login: pass --hub URL (or set EVALHUB_HUB)");
      const hub = checkedHubUrl(url);
      const token = options.tokenStdin ? (await readStdin()).trim() : (options.token ?? (process.env.EVALHUB_TOKEN || process.env.HF_TOKEN || undefined));
      if (!token) throw new UsageError("login: give the token with --token-stdin, --token, or EVALHUB_TOKEN");
      const me = await whoami(new HubClient(hub, token));
      saveLogin({ hub, token, user: me.name });
      process.stdout.write(`logged in to ${hub} as ${me.name}\n`);
    });

  program
    .command("logout")
    .description("forget the saved hub and token")
    .action(() => {
      const file = loginFile();
      process.stdout.write(forgetLogin(file) ? `logged out (removed ${file})\n` : "not logged in\n");
    });
}
