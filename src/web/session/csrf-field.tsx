import { CSRF_FIELD, currentCsrfToken } from "./viewer.ts";

/** The hidden field every POST form carries; the token comes from the props, else from the request being rendered. */
export function CsrfField(props: { token?: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={props.token ?? currentCsrfToken()} />;
}
