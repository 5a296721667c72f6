/** The hub answered with an error status: its `{error}` message and `X-Error-Code`. */
export class HubRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    readonly serverMessage: string,
    readonly what: string,
  ) {
    super(`${what}: ${status}${code ? ` ${code}` : ""}: ${serverMessage}`);
  }
}

/** The hub could not be reached at all (refused, unknown host, timeout, not an HTTP server). */
export class HubUnreachableError extends Error {
  constructor(
    readonly hubUrl: string,
    reason: string,
  ) {
    super(`cannot reach the hub at ${hubUrl}: ${reason}`);
  }
}
