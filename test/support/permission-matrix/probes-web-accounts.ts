import { expect } from "vitest";
import { WebClient } from "../web-client.ts";
import { call } from "../write-api.ts";
import { passwordOf, Session, type UserName } from "./callers.ts";
import type { Case, Probe, Probes } from "./probe.ts";
import { benchOf, modelOf, reads } from "./probe-helpers.ts";
import { newPublicJwk, type World } from "./world.ts";

/**
 * A browser of its own for forms that end or replace the session they come from (sign up, sign in, sign out, a new
 * password): signed in as the caller's user, or anonymous with the double-submit cookie (a read token rides along
 * as Bearer, which these forms ignore).
 */
async function ownBrowser(c: Case): Promise<{ post(path: string, fields: Record<string, string>): Promise<Response>; client: WebClient }> {
  if (c.caller !== "anonymous" && c.caller !== "readToken") {
    const session = await Session.signIn(c.world.hub, c.world.userOf(c.caller));
    return { client: session.client, post: (path, fields) => session.client.post(path, { ...fields, _csrf: session.csrf }) };
  }
  const client = new WebClient(c.world.hub);
  const csrf = await client.csrfFrom("/login");
  const bearer: Record<string, string> = c.agent.token ? { authorization: `Bearer ${c.agent.token}` } : {};
  return { client, post: (path, fields) => client.post(path, { ...fields, _csrf: csrf }, bearer) };
}

/** Whose profile a browser shows: the name in its heading, or null when it is sent to sign in. */
async function signedInAs(client: WebClient): Promise<string | null> {
  const res = await client.get("/settings/profile");
  if (res.status === 303) return null;
  return /<h1>([^<]+)<\/h1>/.exec(await res.text())?.[1] ?? "?";
}

/**
 * What the refused forms of the settings pages must leave alone: the profile, tokens and sessions of writer, whose
 * read token is among the refused callers (and anonymous has nothing of its own to change).
 */
const writersSettings = async (world: World) => {
  const page = async (path: string) => (await world.sessions.writer.client.get(path)).text();
  return {
    fullname: /name="fullname" value="([^"]*)"/.exec(await page("/settings/profile"))?.[1],
    tokens: (await page("/settings/tokens")).match(/<tr/g)?.length,
  };
};

const membersOf = async (world: World, org: string) => {
  const res = await fetch(`${world.hub.url}/organizations/${org}/members`);
  return res.status === 404 ? null : [...(await res.text()).matchAll(/<td>([^<]+)<\/td><td>([^<]+)<\/td>/g)].map((m) => `${m[1]}:${m[2]}`);
};
const tokenWorks = async (world: World, token: string) => (await call(world.hub, "GET", "/api/whoami-v2", { token })).status === 200;

/** A new organisation of orgadmin's, with `other` as a read member when asked. */
async function freshOrg(world: World, withOther: boolean): Promise<string> {
  const name = world.unique("team");
  const admin = world.sessions.orgadmin;
  expect((await admin.client.post("/organizations/new", { name, _csrf: admin.csrf })).status).toBe(303);
  if (withOther) expect((await admin.client.post(`/organizations/${name}/members`, { username: "other", role: "read", _csrf: admin.csrf })).status).toBe(303);
  return name;
}

/** A change to an organisation's members: allowed cases on a fresh organisation, refused ones on `lab`. */
function memberForm(action: "add" | "role" | "remove"): Probe {
  return {
    edge: "form",
    prepare: async (c) => {
      const org = c.allowed ? await freshOrg(c.world, action !== "add") : "lab";
      const path = action === "add" ? `/organizations/${org}/members` : `/organizations/${org}/members/other/${action}`;
      const fields: Record<string, string> = action === "add" ? { username: c.allowed ? "other" : "stranger", role: "read" } : action === "role" ? { role: c.allowed ? "write" : "admin" } : {};
      const expected = { add: "other:read", role: "other:write", remove: undefined }[action];
      return {
        send: () => c.agent.form(path, fields),
        effect: async () => {
          const members = (await membersOf(c.world, org)) ?? [];
          if (expected) expect(members).toContain(expected);
          else expect(members.some((m) => m.startsWith("other:"))).toBe(false);
        },
        state: () => membersOf(c.world, org),
        stateKey: org,
      };
    },
  };
}

function sessionForm(action: "join" | "login" | "logout" | "password"): Probe {
  return {
    edge: "account",
    endsSessions: action === "password",
    prepare: async (c) => {
      const browser = await ownBrowser(c);
      const newcomer = c.world.unique("newcomer");
      const user: UserName = c.caller === "anonymous" ? "other" : c.caller === "readToken" ? "writer" : c.world.userOf(c.caller);
      const password = passwordOf(user);
      const fields: Record<string, string> = {
        join: { username: newcomer, password: passwordOf(newcomer), password_again: passwordOf(newcomer) },
        login: { username: user, password },
        logout: {},
        password: { current_password: password, new_password: password, new_password_again: password },
      }[action];
      return {
        send: () => browser.post(`/${action === "password" ? "settings/password" : action}`, fields),
        ...(action === "password" ? { state: () => writersSettings(c.world), stateKey: "writer" } : {}),
        effect: async () => {
          if (action === "join") expect(await signedInAs(browser.client)).toBe(newcomer);
          if (action === "login") expect(await signedInAs(browser.client)).toBe(user);
          if (action === "logout") expect(await signedInAs(browser.client)).toBeNull();
          // A new password ends every other session of the user, the shared one included.
          if (action === "password") expect(await signedInAs(c.world.sessionOf(c.caller)!.client)).toBeNull();
        },
      };
    },
  };
}

/** A page only a signed-in session opens. */
const account = (path: (c: Case) => string) => reads("account", path);

/** Sign-up, sign-in, the signed-in user's settings, organisations, webhook pages and the site admin pages. */
export const WEB_ACCOUNT_PROBES: Probes = {
  "GET /join": reads("page", () => "/join"),
  "POST /join": sessionForm("join"),
  "GET /login": reads("page", () => "/login"),
  "POST /login": sessionForm("login"),
  "POST /logout": sessionForm("logout"),
  "POST /settings/password": sessionForm("password"),

  "GET /settings": reads("page", () => "/settings"),
  "GET /settings/profile": account(() => "/settings/profile"),
  "POST /settings/profile": {
    edge: "account",
    prepare: async (c) => {
      const fullname = c.world.unique("Full Name");
      return {
        send: () => c.agent.form("/settings/profile", { fullname, email: "" }),
        effect: async () => expect(await (await c.agent.page("/settings/profile")).text()).toContain(`value="${fullname}"`),
        state: () => writersSettings(c.world),
        stateKey: "writer",
      };
    },
  },
  "GET /settings/tokens": account(() => "/settings/tokens"),
  "POST /settings/tokens": {
    edge: "account",
    prepare: async (c) => ({
      send: () => c.agent.form("/settings/tokens", { name: "from the matrix", role: "read" }),
      effect: async (res) => expect(await res.text()).toContain('id="new-token"'),
      state: () => writersSettings(c.world),
      stateKey: "writer",
    }),
  },
  "POST /settings/tokens/:id/revoke": {
    edge: "account",
    prepare: async (c) => {
      let target = c.world.victimToken;
      if (c.allowed) {
        const user = c.world.userOf(c.caller as "writer");
        const token = await c.world.sessions[user].issueToken("write");
        target = { token, id: await c.world.newestTokenId(user) };
      }
      return {
        send: () => c.agent.form(`/settings/tokens/${target.id}/revoke`),
        effect: async () => expect(await tokenWorks(c.world, target.token)).toBe(false),
        state: () => tokenWorks(c.world, target.token),
        stateKey: String(target.id),
      };
    },
  },

  "GET /settings/organizations": account(() => "/settings/organizations"),
  "GET /organizations/new": account(() => "/organizations/new"),
  "POST /organizations/new": {
    edge: "account",
    prepare: async (c) => {
      const name = c.world.unique("org");
      return {
        send: () => c.agent.form("/organizations/new", { name }),
        effect: async () => expect(await membersOf(c.world, name)).toEqual([`${c.world.userOf(c.caller as "writer")}:admin`]),
        state: () => membersOf(c.world, name),
      };
    },
  },
  "GET /organizations/:org/members": reads("page", () => "/organizations/lab/members"),
  "POST /organizations/:org/members": memberForm("add"),
  "POST /organizations/:org/members/:user/role": memberForm("role"),
  "POST /organizations/:org/members/:user/remove": memberForm("remove"),

  "GET /settings/webhooks": account(() => "/settings/webhooks"),
  "GET /settings/webhooks/:id": account((c) => `/settings/webhooks/${modelOf(c).webhook}`),

  "GET /admin": reads("page", () => "/admin"),
  "GET /admin/benchmarks": account(() => "/admin/benchmarks"),
  "GET /admin/issuers": account(() => "/admin/issuers"),
  "GET /admin/frameworks": account(() => "/admin/frameworks"),
  "POST /admin/benchmarks/official": {
    edge: "account",
    prepare: async (c) => {
      const { id } = benchOf(c);
      const wanted = !(await c.world.isOfficial(id));
      return {
        send: () => c.agent.form("/admin/benchmarks/official", { dataset: id, official: wanted ? "1" : "0" }),
        effect: async () => expect(await c.world.isOfficial(id)).toBe(wanted),
        state: () => c.world.isOfficial(id),
        stateKey: id,
      };
    },
  },
  "POST /admin/issuers": {
    edge: "account",
    prepare: async (c) => {
      const name = c.world.unique("web-issuer");
      return {
        send: () => c.agent.form("/admin/issuers", { name, jwk: JSON.stringify(newPublicJwk()), benchmarks: "" }),
        effect: async () => expect(await c.world.issuerNames()).toContain(name),
        state: () => c.world.issuerNames(),
        stateKey: "issuers",
      };
    },
  },
  "POST /admin/issuers/:name/remove": {
    edge: "account",
    prepare: async (c) => {
      const name = c.allowed ? await c.world.newIssuer() : c.world.issuer;
      return {
        send: () => c.agent.form(`/admin/issuers/${name}/remove`),
        effect: async () => expect(await c.world.issuerNames()).not.toContain(name),
        state: () => c.world.issuerNames(),
        stateKey: "issuers",
      };
    },
  },
};
