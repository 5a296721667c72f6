import { createHash } from "node:crypto";
import { expect, it } from "vitest";
import { openDatabase } from "../../src/db/connect.ts";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { csrfTokenIn, WebClient } from "../support/web-client.ts";
import { call } from "../support/write-api.ts";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

describeEachDialectWithHub("web sessions, sign-up, sign-in, tokens and CSRF", (getHub) => {
  it("signs up with a form, stores only the session id's hash, and signs out by deleting it", async () => {
    const hub = getHub();
    const browser = new WebClient(hub);
    const csrf = await browser.csrfFrom("/join");

    const forged = await browser.post("/join", { username: "mallory", password: "long enough pw", password_again: "long enough pw", _csrf: "x".repeat(32) });
    expect(forged.status).toBe(403);
    const missing = await browser.post("/join", { username: "mallory", password: "long enough pw", password_again: "long enough pw" });
    expect(missing.status).toBe(403);

    const badName = await browser.post("/join", { username: "-bad-", password: "long enough pw", password_again: "long enough pw", _csrf: csrf });
    expect(badName.status).toBe(400);
    expect(await badName.text()).toContain("invalid user name");

    const joined = await browser.post("/join", { username: "alice", password: "long enough pw", password_again: "long enough pw", _csrf: csrf, next: "/settings/tokens" });
    expect(joined.status).toBe(303);
    expect(joined.headers.get("location")).toBe("/settings/tokens");
    const setCookie = joined.headers.getSetCookie().find((line) => line.startsWith("evalhub_session="));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i);
    const sessionId = browser.cookies.get("evalhub_session") ?? "";

    const { db } = openDatabase(hub.databaseUrl);
    try {
      const rows = await db.selectFrom("web_sessions").selectAll().execute();
      expect(rows.map((r) => r.id_hash)).toEqual([sha256(sessionId)]);
      expect(JSON.stringify(rows)).not.toContain(sessionId);

      const page = await browser.get("/settings/tokens");
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain("alice");
      // The signed-in token differs from the anonymous double-submit one.
      expect(csrfTokenIn(html)).not.toBe(csrf);

      const out = await browser.post("/logout", { _csrf: csrfTokenIn(html) ?? "" });
      expect(out.status).toBe(303);
      expect(await db.selectFrom("web_sessions").selectAll().execute()).toEqual([]);
    } finally {
      await db.destroy();
    }
    const stale = new WebClient(hub);
    stale.cookies.set("evalhub_session", sessionId);
    const after = await stale.get("/settings/tokens");
    expect(after.status).toBe(303);
    expect(after.headers.get("location")).toBe("/login?next=%2Fsettings%2Ftokens");
  });

  it("signs in with the password, refuses a wrong one, and creates and revokes tokens that work on the API", async () => {
    const hub = getHub();
    const browser = new WebClient(hub);
    const csrf = await browser.csrfFrom("/join");
    expect((await browser.post("/join", { username: "bob", password: "bob's password", password_again: "bob's password", _csrf: csrf })).status).toBe(303);
    const settings = await browser.csrfFrom("/settings/tokens");
    await browser.post("/logout", { _csrf: settings });

    const loginCsrf = await browser.csrfFrom("/login");
    const wrong = await browser.post("/login", { username: "bob", password: "not it at all", _csrf: loginCsrf });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain("Wrong username or password");
    const right = await browser.post("/login", { username: "BOB", password: "bob's password", _csrf: loginCsrf, next: "//evil.example/" });
    expect(right.status).toBe(303);
    expect(right.headers.get("location")).toBe("/");
    // Signed in, /login sends on at once: a tab between the slashes would make it another site in a browser.
    for (const next of ["%2F%09%2Fevil.example", "%2F%5Cevil.example", "%2F%E2%82%AC"]) {
      const bounced = await browser.get(`/login?next=${next}`);
      expect([bounced.status, bounced.headers.get("location")]).toEqual([303, "/"]);
    }
    expect((await browser.get("/login?next=%2Fsettings%2Ftokens")).headers.get("location")).toBe("/settings/tokens");

    const token = await browser.csrfFrom("/settings/tokens");
    const wrongToken = await browser.post("/settings/tokens", { name: "ci", role: "write", _csrf: loginCsrf });
    expect(wrongToken.status).toBe(403);
    const created = await browser.post("/settings/tokens", { name: "ci", role: "write", _csrf: token });
    expect(created.status).toBe(200);
    const shown = /id="new-token">\s*(hf_[A-Za-z0-9]+)/.exec(await created.text())?.[1];
    expect(shown).toBeDefined();
    const whoami = await call(hub, "GET", "/api/whoami-v2", { token: shown });
    expect(whoami.status).toBe(200);
    expect(((await whoami.json()) as { name: string }).name).toBe("bob");
    // The token is shown once: the list only has its last characters.
    const list = await (await browser.get("/settings/tokens")).text();
    expect(list).not.toContain(shown);
    expect(list).toContain(`…${shown?.slice(-4)}`);

    const id = /action="\/settings\/tokens\/(\d+)\/revoke"/.exec(list)?.[1];
    expect((await browser.post(`/settings/tokens/${id}/revoke`, { _csrf: token })).status).toBe(303);
    expect((await call(hub, "GET", "/api/whoami-v2", { token: shown })).status).toBe(401);
    // API routes with a Bearer token need no CSRF token.
    expect((await call(hub, "POST", "/api/repos/create", { token: hub.adminToken, json: { name: "no-csrf", type: "model" } })).status).toBe(200);
  });

  it("refuses cross-site form posts even with a matching token", async () => {
    const hub = getHub();
    const browser = new WebClient(hub);
    const csrf = await browser.csrfFrom("/login");
    const res = await browser.post("/login", { username: "bob", password: "bob's password", _csrf: csrf }, { "sec-fetch-site": "cross-site" });
    expect(res.status).toBe(403);
  });

  it("manages organisations: create, add, change a role, remove, keep the last admin", async () => {
    const hub = getHub();
    const carol = new WebClient(hub);
    const carolCsrf = await carol.csrfFrom("/join");
    await carol.post("/join", { username: "carol", password: "carol's password", password_again: "carol's password", _csrf: carolCsrf });
    const browser = new WebClient(hub);
    const csrf = await browser.csrfFrom("/join");
    await browser.post("/join", { username: "dave", password: "dave's password", password_again: "dave's password", _csrf: csrf });
    const token = await browser.csrfFrom("/organizations/new");
    const created = await browser.post("/organizations/new", { name: "lab", fullname: "The Lab", _csrf: token });
    expect(created.headers.get("location")).toBe("/organizations/lab/members");
    expect((await browser.post("/organizations/lab/members", { username: "carol", role: "write", _csrf: token })).status).toBe(303);
    let page = await (await browser.get("/organizations/lab/members")).text();
    expect(page).toMatch(/carol[\s\S]*<option value="write" selected/);
    expect((await browser.post("/organizations/lab/members/carol/role", { role: "read", _csrf: token })).status).toBe(303);
    const lastAdmin = await browser.post("/organizations/lab/members/dave/remove", { _csrf: token });
    expect(lastAdmin.status).toBe(400);
    expect(await lastAdmin.text()).toContain("at least one admin");
    expect((await browser.post("/organizations/lab/members/carol/remove", { _csrf: token })).status).toBe(303);
    page = await (await browser.get("/organizations/lab/members")).text();
    expect(page).not.toContain(">carol<");

    // A stranger sees the members but cannot change them.
    const stranger = new WebClient(hub);
    const strangerCsrf = await stranger.csrfFrom("/join");
    await stranger.post("/join", { username: "erin", password: "erin's password", password_again: "erin's password", _csrf: strangerCsrf });
    const strangerToken = await stranger.csrfFrom("/organizations/lab/members");
    expect((await stranger.post("/organizations/lab/members", { username: "erin", role: "admin", _csrf: strangerToken })).status).toBe(403);
  });

  it("limits failed sign-ins per address", async () => {
    const hub = getHub();
    const browser = new WebClient(hub);
    const csrf = await browser.csrfFrom("/login");
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await browser.post("/login", { username: "nobody", password: "wrong password", _csrf: csrf })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
  });
});
