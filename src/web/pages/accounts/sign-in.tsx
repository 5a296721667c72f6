import type { Context, Hono } from "hono";
import type { AppEnv } from "../../../api/env.ts";
import { renderPage } from "../../render.tsx";
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from "../../session/cookies.ts";
import { CsrfField } from "../../session/csrf-field.tsx";
import { clientAddress, LoginLimiter } from "../../session/login-limiter.ts";
import { viewerOf } from "../../session/viewer.ts";
import { getCookie } from "hono/cookie";
import { FormError, formFields, formMessage, safeNext } from "./forms.tsx";

export const MIN_PASSWORD = 8;
export const MAX_PASSWORD = 200;

/** Sign up (`/join`), sign in (`/login`) and sign out (`POST /logout`). */
export function registerSignInRoutes(app: Hono<AppEnv>): void {
  const limiter = new LoginLimiter();

  app.get("/join", (c) => (viewerOf(c).user ? c.redirect(safeNext(c.req.query("next")), 303) : joinPage(c, {})));
  app.post("/join", async (c) => {
    const form = await formFields(c, 500);
    const name = (form.username ?? "").trim();
    const password = form.password ?? "";
    const email = (form.email ?? "").trim();
    const again = { name, email, next: form.next };
    if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) return joinPage(c, { ...again, error: `Choose a password of ${MIN_PASSWORD} to ${MAX_PASSWORD} characters.` });
    if (password !== form.password_again) return joinPage(c, { ...again, error: "The two passwords differ." });
    if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) return joinPage(c, { ...again, error: "That email address does not look right." });
    try {
      const user = await c.var.hub.accounts.createUser({ name, password, ...(email ? { email } : {}) });
      await startSession(c, user.id);
      return c.redirect(safeNext(form.next), 303);
    } catch (error) {
      return joinPage(c, { ...again, error: formMessage(error) });
    }
  });

  app.get("/login", (c) => (viewerOf(c).user ? c.redirect(safeNext(c.req.query("next")), 303) : loginPage(c, { next: c.req.query("next") })));
  app.post("/login", async (c) => {
    const form = await formFields(c, 500);
    const name = (form.username ?? "").trim();
    const address = clientAddress(c);
    const wait = limiter.wait(address, name);
    if (wait) {
      c.header("Retry-After", String(wait.seconds));
      const from = wait.reason === "address" ? "from your address" : "for this account";
      return loginPage(c, { name, next: form.next, error: `Too many failed attempts ${from}: try again in ${Math.ceil(wait.seconds / 60)} minutes.` }, 429);
    }
    const user = await c.var.hub.accounts.authenticatePassword(name, (form.password ?? "").slice(0, MAX_PASSWORD));
    if (!user) {
      limiter.recordFailure(address, name);
      return loginPage(c, { name, next: form.next, error: "Wrong username or password." }, 401);
    }
    limiter.recordSuccess(address);
    await startSession(c, user.id);
    return c.redirect(safeNext(form.next), 303);
  });

  app.post("/logout", async (c) => {
    const id = getCookie(c, SESSION_COOKIE);
    if (id) await c.var.hub.sessions.destroy(id);
    clearSessionCookie(c);
    return c.redirect("/", 303);
  });
}

/** Signs the browser in as the user: a new session (an old one of this browser is ended). */
export async function startSession(c: Context<AppEnv>, userId: number): Promise<void> {
  const old = getCookie(c, SESSION_COOKIE);
  if (old) await c.var.hub.sessions.destroy(old);
  const session = await c.var.hub.sessions.create(userId);
  setSessionCookie(c, session.id);
}

interface JoinState {
  name?: string;
  email?: string;
  next?: string | undefined;
  error?: string;
}

function joinPage(c: Context<AppEnv>, state: JoinState) {
  return renderPage(
    c,
    "Sign up",
    <section class="narrow">
      <h1>Create an account</h1>
      <FormError message={state.error} />
      <form method="post" action="/join" class="stacked">
        <CsrfField />
        <input type="hidden" name="next" value={safeNext(state.next)} />
        <label>
          Username
          <input type="text" name="username" value={state.name ?? ""} required maxlength={96} autocomplete="username" pattern="[A-Za-z0-9][A-Za-z0-9._\-]*" />
          <small class="muted">Letters, digits, '-', '_' or '.'; it becomes your namespace, as in /{state.name || "yourname"}/model.</small>
        </label>
        <label>
          Email (optional)
          <input type="email" name="email" value={state.email ?? ""} maxlength={254} autocomplete="email" />
        </label>
        <label>
          Password
          <input type="password" name="password" required minlength={MIN_PASSWORD} maxlength={MAX_PASSWORD} autocomplete="new-password" />
        </label>
        <label>
          Password again
          <input type="password" name="password_again" required minlength={MIN_PASSWORD} maxlength={MAX_PASSWORD} autocomplete="new-password" />
        </label>
        <button type="submit">Sign up</button>
      </form>
      <p class="muted">
        Already have an account? <a href="/login">Sign in</a>
      </p>
    </section>,
    { status: state.error ? 400 : 200 },
  );
}

function loginPage(c: Context<AppEnv>, state: { name?: string; next?: string | undefined; error?: string }, status: 200 | 401 | 429 = 200) {
  return renderPage(
    c,
    "Sign in",
    <section class="narrow">
      <h1>Sign in</h1>
      <FormError message={state.error} />
      <form method="post" action="/login" class="stacked">
        <CsrfField />
        <input type="hidden" name="next" value={safeNext(state.next)} />
        <label>
          Username
          <input type="text" name="username" value={state.name ?? ""} required maxlength={96} autocomplete="username" />
        </label>
        <label>
          Password
          <input type="password" name="password" required maxlength={MAX_PASSWORD} autocomplete="current-password" />
        </label>
        <button type="submit">Sign in</button>
      </form>
      <p class="muted">
        New here? <a href="/join">Create an account</a>
      </p>
    </section>,
    { status },
  );
}
