import type { HubProcess } from "./hub-process.ts";

/** A browser-like HTTP client: keeps cookies, never follows redirects, and reads the CSRF token from pages. */
export class WebClient {
  readonly cookies = new Map<string, string>();

  constructor(private readonly hub: HubProcess) {}

  async get(path: string): Promise<Response> {
    return this.send("GET", path);
  }

  /** Posts a form; `_csrf` is taken from the last page unless the fields set it. */
  async post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.send("POST", path, new URLSearchParams(fields).toString(), { "content-type": "application/x-www-form-urlencoded", ...headers });
  }

  /** Loads a page and returns the CSRF token its forms carry. */
  async csrfFrom(path: string): Promise<string> {
    const page = await (await this.get(path)).text();
    const token = csrfTokenIn(page);
    if (!token) throw new Error(`no CSRF field on ${path}`);
    return token;
  }

  private async send(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await fetch(`${this.hub.url}${path}`, { method, body, redirect: "manual", headers: { accept: "text/html", ...(cookie ? { cookie } : {}), ...headers } });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!value || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
}

export function csrfTokenIn(html: string): string | undefined {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
}
