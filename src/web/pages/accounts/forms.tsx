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

/** A local path to return to after signing in; anything else (another site, `//host`) becomes the home page. */
export function safeNext(value: string | undefined | null): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
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
