import type { Context, Hono } from "hono";
import type { AppEnv } from "../../../api/env.ts";
import type { Account, IssuedToken } from "../../../hub/accounts.ts";
import { renderPage } from "../../render.tsx";
import { CsrfField } from "../../session/csrf-field.tsx";
import { FormError, formFields, formMessage, Notice, signedInUser } from "./forms.tsx";
import { SettingsNav } from "./settings-nav.tsx";

/** Access tokens: list, create (shown once), revoke. */
export function registerTokenRoutes(app: Hono<AppEnv>): void {
  app.get("/settings/tokens", async (c) => {
    const user = signedInUser(c);
    if (user instanceof Response) return user;
    return tokensPage(c, user, { notice: c.req.query("revoked") ? "Token revoked." : undefined });
  });

  app.post("/settings/tokens", async (c) => {
    const user = signedInUser(c);
    if (user instanceof Response) return user;
    const form = await formFields(c, 200);
    const name = (form.name ?? "").trim();
    const role = form.role === "write" ? "write" : form.role === "read" ? "read" : null;
    if (!name || name.length > 100) return tokensPage(c, user, { error: "Give the token a name of 1 to 100 characters." }, 400);
    if (!role) return tokensPage(c, user, { error: "Choose read or write." }, 400);
    const issued = await c.var.hub.accounts.issueToken(user.id, { name, role });
    return tokensPage(c, user, { issued });
  });

  app.post("/settings/tokens/:id/revoke", async (c) => {
    const user = signedInUser(c);
    if (user instanceof Response) return user;
    const id = Number(c.req.param("id"));
    if (!Number.isSafeInteger(id)) return tokensPage(c, user, { error: "No such token." }, 404);
    try {
      await c.var.hub.accounts.revokeToken(user.id, id);
    } catch (error) {
      return tokensPage(c, user, { error: formMessage(error) }, 404);
    }
    return c.redirect("/settings/tokens?revoked=1", 303);
  });
}

interface TokensState {
  issued?: IssuedToken;
  error?: string;
  notice?: string | undefined;
}

async function tokensPage(c: Context<AppEnv>, user: Account, state: TokensState, status: 200 | 400 | 404 = 200) {
  const tokens = await c.var.hub.accounts.listTokens(user.id);
  return renderPage(
    c,
    "Access tokens",
    <section>
      <SettingsNav current="tokens" />
      <h1>Access tokens</h1>
      <p class="muted">
        Tokens let the Hugging Face clients, git and scripts act as you: <code>HF_ENDPOINT=https://this-hub HF_TOKEN=hf_…</code>. A read token can only read; a write token can
        also push results and open pull requests.
      </p>
      <FormError message={state.error} />
      <Notice message={state.notice} />
      {state.issued ? (
        <div class="banner notice" role="status">
          <p>
            Your new {state.issued.role} token <strong>{state.issued.name}</strong>. Copy it now: it is shown only once.
          </p>
          <p>
            <code class="secret" id="new-token">
              {state.issued.token}
            </code>
          </p>
        </div>
      ) : null}
      <form method="post" action="/settings/tokens" class="stacked card">
        <CsrfField />
        <h2>New token</h2>
        <label>
          Name
          <input type="text" name="name" required maxlength={100} placeholder="laptop" />
        </label>
        <fieldset>
          <legend>Role</legend>
          <label class="check">
            <input type="radio" name="role" value="read" checked /> read
          </label>
          <label class="check">
            <input type="radio" name="role" value="write" /> write
          </label>
        </fieldset>
        <button type="submit">Create token</button>
      </form>
      <h2>Your tokens</h2>
      {tokens.length === 0 ? (
        <p class="muted">No tokens yet.</p>
      ) : (
        <div class="table-wrap">
          <table class="tokens">
            <thead>
              <tr>
                <th>Name</th>
                <th>Role</th>
                <th>Ends in</th>
                <th>Created</th>
                <th>Last used</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr class={t.revoked_at ? "revoked" : undefined}>
                  <td>{t.name}</td>
                  <td>{t.role}</td>
                  <td>
                    <code>…{t.hint}</code>
                  </td>
                  <td>{t.created_at.slice(0, 10)}</td>
                  <td>{t.last_used_at?.slice(0, 10) ?? "never"}</td>
                  <td>
                    {t.revoked_at ? (
                      <span class="muted">revoked {t.revoked_at.slice(0, 10)}</span>
                    ) : (
                      <form method="post" action={`/settings/tokens/${t.id}/revoke`} class="inline">
                        <CsrfField />
                        <button type="submit" class="secondary" aria-label={`Revoke ${t.name}`}>
                          Revoke
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>,
    { status },
  );
}
