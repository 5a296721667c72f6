import { randomBytes } from "node:crypto";
import type { HubProcess } from "../hub-process.ts";
import { WebClient } from "../web-client.ts";
import { call } from "../write-api.ts";

/** Everyone the matrix asks on behalf of. `readToken` is the writer's read-only token. */
export type Caller = "anonymous" | "readToken" | "stranger" | "author" | "writer" | "orgAdmin" | "siteAdmin";
export const CALLERS: readonly Caller[] = ["anonymous", "readToken", "stranger", "author", "writer", "orgAdmin", "siteAdmin"];

/** The accounts behind the callers, plus `other`: a read member of the organisation whose comments are "someone else's". */
export type UserName = "author" | "writer" | "orgadmin" | "stranger" | "other" | "admin";

export const passwordOf = (name: string) => `${name} has a long password`;

/** A signed-in browser: its cookies and the CSRF token its forms carry. */
export class Session {
  private constructor(
    readonly client: WebClient,
    readonly csrf: string,
  ) {}

  static async signIn(hub: HubProcess, name: string): Promise<Session> {
    const client = new WebClient(hub);
    const login = await client.csrfFrom("/login");
    const res = await client.post("/login", { username: name, password: passwordOf(name), _csrf: login });
    if (res.status !== 303) throw new Error(`${name} could not sign in: ${res.status}`);
    return Session.of(client);
  }

  static async signUp(hub: HubProcess, name: string): Promise<Session> {
    const client = new WebClient(hub);
    const join = await client.csrfFrom("/join");
    const res = await client.post("/join", { username: name, password: passwordOf(name), password_again: passwordOf(name), _csrf: join });
    if (res.status !== 303) throw new Error(`${name} could not sign up: ${res.status} ${await res.text()}`);
    return Session.of(client);
  }

  /** A signed-in page always carries the session's token (it is derived from the session, so it stays the same). */
  static async of(client: WebClient): Promise<Session> {
    return new Session(client, await client.csrfFrom("/settings/tokens"));
  }

  /** A new token made on the tokens page, as a user would. */
  async issueToken(role: "read" | "write"): Promise<string> {
    const page = await (await this.client.post("/settings/tokens", { name: `matrix ${role}`, role, _csrf: this.csrf })).text();
    const token = /id="new-token">\s*(hf_[A-Za-z0-9]+)/.exec(page)?.[1];
    if (!token) throw new Error("the tokens page showed no new token");
    return token;
  }
}

/**
 * How one caller reaches each edge of the hub, as a real client would:
 * - the API (feeds, badges and file downloads included) with `Authorization: Bearer`;
 * - git with Basic auth, the token as password (what git sends after the challenge);
 * - web pages with the browser's session; pages also accept a Bearer token, so the read token is sent that way;
 * - web forms (POST) with the session and its CSRF token. A read token holder has no session: its browser sends the
 *   token and the anonymous double-submit CSRF cookie, which forms treat as anonymous (they act for the session alone).
 */
export class Agent {
  /** What a browser holds after its first page: the anonymous double-submit cookie, echoed in the form. */
  private readonly anonymousCsrf = randomBytes(24).toString("base64url");

  constructor(
    private readonly hub: HubProcess,
    readonly token: string | undefined,
    private readonly session: () => Session | undefined,
  ) {}

  api(method: string, path: string, options: { json?: unknown; body?: string | Uint8Array; headers?: Record<string, string> } = {}): Promise<Response> {
    return call(this.hub, method, path, { ...options, ...(this.token ? { token: this.token } : {}) });
  }

  page(path: string): Promise<Response> {
    const session = this.session();
    if (session) return session.client.get(path);
    return this.browserFetch("GET", path);
  }

  form(path: string, fields: Record<string, string> = {}): Promise<Response> {
    const session = this.session();
    if (session) return session.client.post(path, { ...fields, _csrf: session.csrf });
    const body = new URLSearchParams({ ...fields, _csrf: this.anonymousCsrf }).toString();
    return this.browserFetch("POST", path, body, { "content-type": "application/x-www-form-urlencoded", cookie: `evalhub_csrf=${this.anonymousCsrf}` });
  }

  git(method: "GET" | "POST", path: string, body?: Uint8Array, contentType?: string): Promise<Response> {
    const headers: Record<string, string> = contentType ? { "content-type": contentType } : {};
    if (this.token) headers.authorization = `Basic ${Buffer.from(`git:${this.token}`).toString("base64")}`;
    return fetch(`${this.hub.url}${path}`, { method, headers, body });
  }

  private browserFetch(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Response> {
    const auth: Record<string, string> = this.token ? { authorization: `Bearer ${this.token}` } : {};
    return fetch(`${this.hub.url}${path}`, { method, body, redirect: "manual", headers: { accept: "text/html", ...auth, ...headers } });
  }
}
