import type { Context, Hono } from "hono";
import type { AppEnv } from "../../../api/env.ts";
import type { Account } from "../../../hub/accounts.ts";
import { renderPage } from "../../render.tsx";
import { CsrfField } from "../../session/csrf-field.tsx";
import { FormError, formFields, formMessage, Notice, signedInUser } from "./forms.tsx";
import { SettingsNav } from "./settings-nav.tsx";
import { MAX_PASSWORD, MIN_PASSWORD, startSession } from "./sign-in.tsx";

/** A user's own profile: display name, email and password. */
export function registerProfileRoutes(app: Hono<AppEnv>): void {
  app.get("/settings", (c) => c.redirect("/settings/profile", 303));
  app.get("/settings/profile", (c) => {
    const user = signedInUser(c);
    if (user instanceof Response) return user;
    const saved = c.req.query("saved");
    return profilePage(c, user, { notice: saved === "profile" ? "Profile saved." : saved === "password" ? "Password changed." : undefined });
  });

  app.post("/settings/profile", async (c) => {
    const user = signedInUser(c);
    if (user instanceof Response) return user;
    const form = await formFields(c, 500);
    const fullname = (form.fullname ?? "").trim();
    const email = (form.email ?? "").trim();
    if (!fullname || fullname.length > 100) return profilePage(c, user, { error: "The display name takes 1 to 100 characters." }, 400);
    if (email && (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254)) return profilePage(c, user, { error: "That email address does not look right." }, 400);
    await c.var.hub.accounts.updateProfile(user.id, { fullname, email: email || null });
    return c.redirect("/settings/profile?saved=profile", 303);
  });

  app.post("/settings/password", async (c) => {
    const user = signedInUser(c);
    if (user instanceof Response) return user;
    const form = await formFields(c, 500);
    const next = form.new_password ?? "";
    if (next.length < MIN_PASSWORD || next.length > MAX_PASSWORD) return profilePage(c, user, { error: `Choose a password of ${MIN_PASSWORD} to ${MAX_PASSWORD} characters.` }, 400);
    if (next !== form.new_password_again) return profilePage(c, user, { error: "The two new passwords differ." }, 400);
    try {
      await c.var.hub.accounts.changePassword(user.id, form.current_password ?? "", next);
    } catch (error) {
      return profilePage(c, user, { error: formMessage(error) }, 400);
    }
    // A new password signs out every other browser.
    await c.var.hub.sessions.destroyAllOf(user.id);
    await startSession(c, user.id);
    return c.redirect("/settings/profile?saved=password", 303);
  });
}

function profilePage(c: Context<AppEnv>, user: Account, state: { error?: string; notice?: string | undefined }, status: 200 | 400 = 200) {
  return renderPage(
    c,
    "Profile",
    <section>
      <SettingsNav current="profile" />
      <h1>{user.name}</h1>
      <FormError message={state.error} />
      <Notice message={state.notice} />
      <form method="post" action="/settings/profile" class="stacked card">
        <CsrfField />
        <h2>Profile</h2>
        <label>
          Display name
          <input type="text" name="fullname" value={user.fullname} required maxlength={100} />
        </label>
        <label>
          Email
          <input type="email" name="email" value={user.email ?? ""} maxlength={254} autocomplete="email" />
        </label>
        <button type="submit">Save profile</button>
      </form>
      <form method="post" action="/settings/password" class="stacked card">
        <CsrfField />
        <h2>Password</h2>
        {user.password_hash ? (
          <label>
            Current password
            <input type="password" name="current_password" required maxlength={MAX_PASSWORD} autocomplete="current-password" />
          </label>
        ) : (
          <p class="muted">This account has no password yet (it was made with the command line); set one to sign in here.</p>
        )}
        <label>
          New password
          <input type="password" name="new_password" required minlength={MIN_PASSWORD} maxlength={MAX_PASSWORD} autocomplete="new-password" />
        </label>
        <label>
          New password again
          <input type="password" name="new_password_again" required minlength={MIN_PASSWORD} maxlength={MAX_PASSWORD} autocomplete="new-password" />
        </label>
        <button type="submit">Change password</button>
      </form>
    </section>,
    { status },
  );
}
