import { EXIT } from "./exit-codes.ts";
import { HubRequestError, HubUnreachableError } from "./hub-client/errors.ts";

/** Prints a hub failure (the server's message and X-Error-Code) and gives its exit code; null for other errors. */
export function reportHubError(err: unknown, stderr: NodeJS.WritableStream = process.stderr): number | null {
  if (err instanceof HubUnreachableError) {
    stderr.write(`evalhub: ${err.message}\n`);
    return EXIT.unreachable;
  }
  if (err instanceof HubRequestError) {
    const code = err.code ? ` ${err.code}` : "";
    const hint = err.status === 401 ? " (log in with `evalhub login`, or set EVALHUB_TOKEN)" : "";
    stderr.write(`evalhub: ${err.what}: the hub answered ${err.status}${code}: ${err.serverMessage}${hint}\n`);
    return err.status >= 500 ? EXIT.unreachable : EXIT.refused;
  }
  return null;
}
