import type { Context, Hono } from "hono";
import type { AppEnv } from "../../../api/env.ts";
import type { Account } from "../../../hub/accounts.ts";
import { notFound } from "../../../hub/errors.ts";
import type { OrgRole } from "../../../db/schema.ts";
import { renderPage } from "../../render.tsx";
import { CsrfField } from "../../session/csrf-field.tsx";
import { viewerOf } from "../../session/viewer.ts";
import { FormError, formFields, formMessage, Notice, signedInUser } from "./forms.tsx";
import { SettingsNav } from "./settings-nav.tsx";

const ROLES: readonly OrgRole[] = ["read", "write", "admin"];
const roleOf = (value: string | undefined): OrgRole | null => (ROLES as readonly string[]).includes(value ?? "") ? (value as OrgRole) : null;
const membersPath = (org: string) => `/organizations/${encodeURIComponent(org)}/members`;

/** Organisations: the user's list, creating one, and its members with their roles. */
export function registerOrganizationRoutes(app: Hono<AppEnv>): void {
  app.get("/settings/organizations", async (c) => {
    const user = signedInUser(c);
    if (user instanceof Response) return user;
    const orgs = await c.var.hub.accounts.orgsOf(user.id);
    return renderPage(
      c,
      "Organisations",
      <section>
        <SettingsNav current="organizations" />
        <h1>Organisations</h1>
        <p>
          <a class="button" href="/organizations/new">
            New organisation
          </a>
        </p>
        {orgs.length === 0 ? (
          <p class="muted">You belong to no organisation yet.</p>
        ) : (
          <ul class="list">
            {orgs.map(({ org, role }) => (
              <li>
                <a href={membersPath(org.name)}>{org.name}</a> <span class="muted">({role})</span>
              </li>
            ))}
          </ul>
        )}
      </section>,
    );
  });

  app.get("/organizations/new", (c) => {
    const user = signedInUser(c);
    if (user instanceof Response) return user;
    return newOrgPage(c, {});
  });
  app.post("/organizations/new", async (c) => {
    const user = signedInUser(c);
    if (user instanceof Response) return user;
    const form = await formFields(c, 200);
    const name = (form.name ?? "").trim();
    const fullname = (form.fullname ?? "").trim() || name;
    try {
      await c.var.hub.accounts.createOrg({ name, fullname: fullname.slice(0, 100), members: [{ user: user.name, role: "admin" }] });
    } catch (error) {
      return newOrgPage(c, { name, fullname, error: formMessage(error) }, 400);
    }
    return c.redirect(membersPath(name), 303);
  });

  app.get("/organizations/:org/members", async (c) => {
    const org = await orgNamed(c, c.req.param("org"));
    const notice = { added: "Member added.", removed: "Member removed.", role: "Role changed." }[c.req.query("done") ?? ""];
    return membersPage(c, org, { notice });
  });

  app.post("/organizations/:org/members", async (c) => {
    const org = await orgNamed(c, c.req.param("org"));
    await c.var.hub.policy.assertOrgAdmin(viewerOf(c), org);
    const form = await formFields(c, 200);
    const role = roleOf(form.role);
    const member = await c.var.hub.accounts.byName((form.username ?? "").trim());
    if (!role) return membersPage(c, org, { error: "Choose a role: read, write or admin." }, 400);
    if (!member || member.kind !== "user") return membersPage(c, org, { error: `There is no user named "${form.username ?? ""}".` }, 400);
    await c.var.hub.accounts.setMember(org.id, member.id, role);
    return c.redirect(`${membersPath(org.name)}?done=added`, 303);
  });

  app.post("/organizations/:org/members/:user/role", async (c) => {
    const org = await orgNamed(c, c.req.param("org"));
    await c.var.hub.policy.assertOrgAdmin(viewerOf(c), org);
    const role = roleOf((await formFields(c, 50)).role);
    const member = await c.var.hub.accounts.byName(c.req.param("user"));
    if (!role || !member) return membersPage(c, org, { error: "Choose a member and a role." }, 400);
    try {
      await c.var.hub.accounts.changeMemberRole(org.id, member.id, role);
    } catch (error) {
      return membersPage(c, org, { error: formMessage(error) }, 400);
    }
    return c.redirect(`${membersPath(org.name)}?done=role`, 303);
  });

  app.post("/organizations/:org/members/:user/remove", async (c) => {
    const org = await orgNamed(c, c.req.param("org"));
    await c.var.hub.policy.assertOrgAdmin(viewerOf(c), org);
    const member = await c.var.hub.accounts.byName(c.req.param("user"));
    try {
      if (!member) throw notFound("UserNotFound", "not a member of this organisation");
      await c.var.hub.accounts.removeMember(org.id, member.id);
    } catch (error) {
      return membersPage(c, org, { error: formMessage(error) }, 400);
    }
    return c.redirect(`${membersPath(org.name)}?done=removed`, 303);
  });
}

async function orgNamed(c: Context<AppEnv>, name: string): Promise<Account> {
  const org = await c.var.hub.accounts.byName(name);
  if (!org || org.kind !== "org") throw notFound("NotFound", `no organisation named "${name}"`);
  return org;
}

async function mayManage(c: Context<AppEnv>, org: Account): Promise<boolean> {
  try {
    await c.var.hub.policy.assertOrgAdmin(viewerOf(c), org);
    return true;
  } catch {
    return false;
  }
}

function newOrgPage(c: Context<AppEnv>, state: { name?: string; fullname?: string; error?: string }, status: 200 | 400 = 200) {
  return renderPage(
    c,
    "New organisation",
    <section class="narrow">
      <h1>New organisation</h1>
      <FormError message={state.error} />
      <form method="post" action="/organizations/new" class="stacked">
        <CsrfField />
        <label>
          Name
          <input type="text" name="name" value={state.name ?? ""} required maxlength={96} />
          <small class="muted">Its namespace, as in /{state.name || "org"}/model. You become its admin.</small>
        </label>
        <label>
          Display name
          <input type="text" name="fullname" value={state.fullname ?? ""} maxlength={100} />
        </label>
        <button type="submit">Create organisation</button>
      </form>
    </section>,
    { status },
  );
}

async function membersPage(c: Context<AppEnv>, org: Account, state: { error?: string; notice?: string | undefined }, status: 200 | 400 = 200) {
  const members = await c.var.hub.accounts.membersOf(org.id);
  const manage = await mayManage(c, org);
  return renderPage(
    c,
    `${org.name}: members`,
    <section>
      <h1>
        {org.fullname} <span class="muted">({org.name})</span>
      </h1>
      <FormError message={state.error} />
      <Notice message={state.notice} />
      <h2>Members</h2>
      <div class="table-wrap">
        <table class="members">
          <thead>
            <tr>
              <th>User</th>
              <th>Role</th>
              {manage ? <th></th> : null}
            </tr>
          </thead>
          <tbody>
            {members.map(({ user, role }) => (
              <tr>
                <td>{user.name}</td>
                <td>
                  {manage ? (
                    <form method="post" action={`${membersPath(org.name)}/${encodeURIComponent(user.name)}/role`} class="row">
                      <CsrfField />
                      <select name="role" aria-label={`Role of ${user.name}`}>
                        {ROLES.map((r) => (
                          <option value={r} selected={r === role}>
                            {r}
                          </option>
                        ))}
                      </select>
                      <button type="submit" class="secondary">
                        Change
                      </button>
                    </form>
                  ) : (
                    role
                  )}
                </td>
                {manage ? (
                  <td>
                    <form method="post" action={`${membersPath(org.name)}/${encodeURIComponent(user.name)}/remove`} class="inline">
                      <CsrfField />
                      <button type="submit" class="secondary" aria-label={`Remove ${user.name}`}>
                        Remove
                      </button>
                    </form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {manage ? (
        <form method="post" action={membersPath(org.name)} class="stacked card">
          <CsrfField />
          <h2>Add a member</h2>
          <label>
            Username
            <input type="text" name="username" required maxlength={96} />
          </label>
          <label>
            Role
            <select name="role">
              {ROLES.map((r) => (
                <option value={r}>{r}</option>
              ))}
            </select>
          </label>
          <p class="muted">read: sees private repositories; write: also pushes and merges; admin: also manages members.</p>
          <button type="submit">Add member</button>
        </form>
      ) : null}
    </section>,
    { status },
  );
}
