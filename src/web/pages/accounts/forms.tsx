import type { Context } from "hono";
import type { AppEnv } from "../../../api/env.ts";
import type { Account } from "../../../hub/accounts.ts";
import { HubError } from "../../../hub/errors.ts";
import { viewerOf } from "../../session/viewer.ts";

/** The text fields of a submitted form (files and repeated fields are ignored), each capped in length. */
export async function formFields(c: Context<AppEnv>, maxLength = 10_000): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === "string") fields[key] = value.slice(0, maxLength);
  return fields;
}

const HERE = "http://evalhub.invalid";
/** What the paths and queries of this site's own addresses are made of, once percent-encoded. */
const URL_CHARACTERS = /^[\x21-\x7e]+$/;

/**
 * A local path to return to after signing in; anything else becomes the home page. It must resolve to this site the
 * way a browser resolves a `Location` (which drops tabs and reads a backslash as a slash, so `/<tab>/host` is another
 * site). Spaces, control and non-ASCII characters are refused outright: a `Location` header cannot carry them all,
 * and the addresses this site sends people back to are percent-encoded.
 */
export function safeNext(value: string | undefined | null): string {
  if (!value || !value.startsWith("/") || !URL_CHARACTERS.test(value)) return "/";
  try {
    return new URL(value, HERE).origin === HERE ? value : "/";
  } catch {
    return "/";
  }
}

/** The signed-in user, or a redirect to the sign-in page that comes back here. */
export function signedInUser(c: Context<AppEnv>): Account | Response {
  const user = viewerOf(c).user;
  if (user) return user;
  const url = new URL(c.req.url);
  return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
}

/** A refusal's message for a form, or the error again when it is not one the user can fix (a bug). */
export function formMessage(error: unknown): string {
  if (error instanceof HubError) return error.message;
  throw error;
}

export function FormError(props: { message?: string | undefined }) {
  return props.message ? (
    <p class="banner error" role="alert">
      {props.message}
    </p>
  ) : null;
}

export function Notice(props: { message?: string | undefined }) {
  return props.message ? (
    <p class="banner notice" role="status">
      {props.message}
    </p>
  ) : null;
}
