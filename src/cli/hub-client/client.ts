import { HubRequestError, HubUnreachableError } from "./errors.ts";

const TIMEOUT_MS = 120_000;

export interface RequestOptions {
  /** What is being done, for error messages ("leaderboard of acme/bench"). */
  what: string;
  method?: "GET" | "POST" | "PUT" | "DELETE";
  query?: Record<string, string | undefined>;
  body?: string;
  contentType?: string;
}

/** A hub's base URL and, when signed in, its token: every operation takes one. */
export class HubClient {
  readonly url: string;

  constructor(
    url: string,
    readonly token: string | null,
  ) {
    this.url = url.replace(/\/+$/, "");
  }

  /** Sends one request and returns the response when it succeeded; 4xx and 5xx become HubRequestError. */
  async request(path: string, options: RequestOptions): Promise<Response> {
    const url = new URL(`${this.url}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
    const headers: Record<string, string> = { accept: "application/json" };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (options.contentType) headers["content-type"] = options.contentType;
    let response: Response;
    try {
      response = await fetch(url, { method: options.method ?? "GET", headers, body: options.body, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (err) {
      throw new HubUnreachableError(this.url, reasonOf(err));
    }
    if (response.ok) return response;
    throw await requestError(response, options.what);
  }

  async json<T>(path: string, options: RequestOptions): Promise<T> {
    const response = await this.request(path, options);
    const text = await response.text();
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new HubUnreachableError(this.url, `${options.what}: the answer is not JSON (is ${this.url} an evalhub?)`);
    }
  }
}

async function requestError(response: Response, what: string): Promise<HubRequestError> {
  const text = await response.text().catch(() => "");
  let message = text.trim().slice(0, 2000) || response.statusText;
  try {
    const body = JSON.parse(text) as { error?: unknown };
    if (typeof body.error === "string") message = body.error;
  } catch {
    // not JSON: keep the text
  }
  return new HubRequestError(response.status, response.headers.get("x-error-code"), message, what);
}

function reasonOf(err: unknown): string {
  if (err instanceof Error && err.name === "TimeoutError") return `no answer in ${TIMEOUT_MS / 1000} s`;
  const cause = err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ""}`;
  return err instanceof Error ? err.message : String(err);
}

/** `ns/name` with each part escaped for a path. */
export function repoPath(id: string): string {
  return id.split("/").map(encodeURIComponent).join("/");
}
