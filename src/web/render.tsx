import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../api/env.ts";
import { ANONYMOUS, type Actor } from "../hub/policy.ts";
import { csrfTokenOf, viewerOf } from "./session/viewer.ts";
import { Layout, type LayoutProps } from "./layout/layout.tsx";
import { setHtmlSecurityHeaders } from "./security-headers.ts";

export type PageOptions = Omit<LayoutProps, "children" | "title" | "viewer" | "csrfToken"> & { status?: ContentfulStatusCode; embeddable?: boolean };

/**
 * Who is looking at a page: the session's user, else the user of a bearer token (scripts reading pages),
 * else anonymous. Every permission question about a page is asked for this actor.
 */
export function pageViewer(c: Context<AppEnv>): Actor {
  const viewer = viewerOf(c);
  return viewer.user ? viewer : (c.var.actor ?? ANONYMOUS);
}

/** A full HTML page in the site's layout, with the security headers set. */
export function renderPage(c: Context<AppEnv>, title: string, body: Child, options: PageOptions = {}): Response | Promise<Response> {
  const { status = 200, embeddable = false, ...layout } = options;
  setHtmlSecurityHeaders(c, embeddable);
  return c.html(
    <Layout title={title} viewer={pageViewer(c)} csrfToken={csrfTokenOf(c) || undefined} {...layout}>
      {body}
    </Layout>,
    status,
  );
}

/** Whether a request comes from a browser that wants a page rather than from an API client. */
export function wantsHtml(c: Context<AppEnv>): boolean {
  const path = new URL(c.req.url).pathname;
  if (path.startsWith("/api/") || /\/(info\/refs|git-upload-pack|git-receive-pack)$/.test(path)) return false;
  return (c.req.header("accept") ?? "").includes("text/html");
}

/** The page for an error a browser should see as a page: 404 for anything missing or private. */
export function renderErrorPage(c: Context<AppEnv>, status: ContentfulStatusCode, message: string): Response | Promise<Response> {
  const title = status === 404 ? "Not found" : status === 403 ? "Not allowed" : status === 401 ? "Sign in needed" : "Something went wrong";
  return renderPage(
    c,
    title,
    <section class="error-page">
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/">Back to the home page</a>
      </p>
    </section>,
    { status },
  );
}
