import type { Child } from "hono/jsx";
import type { Actor } from "../../hub/policy.ts";
import { CsrfField } from "../session/csrf-field.tsx";

export interface LayoutProps {
  title: string;
  /** Who is looking; anonymous shows the sign-in links. */
  viewer?: Actor | null;
  /** The CSRF token of the session, for the sign-out form. */
  csrfToken?: string;
  /** The search box's current text. */
  query?: string;
  /** Extra scripts from /static/, loaded deferred (never inline: the CSP forbids it). */
  scripts?: string[];
  /** A bare page with no header and footer (embeds). */
  bare?: boolean;
  children?: Child;
}

/** The frame of every HTML page: header with search and navigation, content, footer. */
export function Layout(props: LayoutProps) {
  const user = props.viewer?.user ?? null;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title ? `${props.title} · evalhub` : "evalhub"}</title>
        <link rel="stylesheet" href="/static/evalhub.css" />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        {(props.scripts ?? []).map((src) => (
          <script src={`/static/${src}`} defer></script>
        ))}
      </head>
      <body class={props.bare ? "bare" : undefined}>
        {props.bare ? null : (
          <header class="site-header">
            <a class="brand" href="/">evalhub</a>
            <form class="search" method="get" action="/search" role="search">
              <input type="search" name="q" value={props.query ?? ""} placeholder="Search models and benchmarks" aria-label="Search" maxlength={200} />
            </form>
            <nav class="site-nav">
              <a href="/search?type=benchmarks">Benchmarks</a>
              <a href="/search?type=models">Models</a>
              {user ? (
                <>
                  <a href="/settings/profile" class="viewer">{user.name}</a>
                  <form method="post" action="/logout" class="inline">
                    <CsrfField token={props.csrfToken} />
                    <button type="submit" class="link">Sign out</button>
                  </form>
                </>
              ) : (
                <>
                  <a href="/login">Sign in</a>
                  <a href="/join" class="button">Sign up</a>
                </>
              )}
            </nav>
          </header>
        )}
        <main class="page">{props.children}</main>
        {props.bare ? null : (
          <footer class="site-footer">
            <span>evalhub: open evaluation results, backed by git.</span>
            <a href="/api/health">Status</a>
          </footer>
        )}
      </body>
    </html>
  );
}
