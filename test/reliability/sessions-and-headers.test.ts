import { rm } from "node:fs/promises";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/connect.ts";
import { listRefs } from "../../src/git/refs.ts";
import { selectedDialects } from "../support/dialect-selection.ts";
import { startHub, type HubProcess } from "../support/hub-process.ts";
import { bareRepositories, report } from "../support/reliability.ts";
import { WebClient } from "../support/web-client.ts";

// Crawls a hub filled with the demo content as a signed-in site admin (who is shown every form there is) and as
// an anonymous visitor: every HTML answer carries the security headers, and every form that changes state is
// refused without its CSRF token, with another session's token, and from another site, changing nothing.

const MAX_PAGES = 400;
/** Addresses sharing their first four path segments are pages of one kind (a file view, a commit): a few do. */
const MAX_PER_KIND = 5;
/** The anonymous crawl only checks that visitors get the same headers; a sample is enough. */
const MAX_VISITOR_PAGES = 60;
const ADMIN_PASSWORD = "admin password for the crawl";

interface Form {
  page: string;
  action: string;
  fields: Record<string, string>;
}

const decode = (text: string) => text.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");

function linksIn(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)]
    .map((m) => decode(m[1] ?? "").split("#")[0] ?? "")
    .filter((href) => href.startsWith("/") && !href.startsWith("//") && !href.startsWith("/static/"));
}

function formsIn(page: string, html: string): Form[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].flatMap((m) => {
    const attrs = m[1] ?? "";
    if (!/method="post"/i.test(attrs)) return [];
    const action = decode(/action="([^"]*)"/.exec(attrs)?.[1] ?? page);
    const fields: Record<string, string> = {};
    for (const input of (m[2] ?? "").matchAll(/<input\b([^>]*)>/g)) {
      const name = /name="([^"]*)"/.exec(input[1] ?? "")?.[1];
      if (name) fields[decode(name)] = decode(/value="([^"]*)"/.exec(input[1] ?? "")?.[1] ?? "");
    }
    return [{ page, action, fields }];
  });
}

/** Every HTML page reachable from the home page by links, with the forms on them. */
async function crawl(client: WebClient, maxPages = MAX_PAGES): Promise<{ pages: Map<string, Response>; forms: Form[] }> {
  const pages = new Map<string, Response>();
  const forms: Form[] = [];
  const queue = ["/"];
  const perKind = new Map<string, number>();
  while (queue.length > 0 && pages.size < maxPages) {
    const path = queue.shift() as string;
    const kind = (path.split("?")[0] ?? "").split("/").slice(0, 5).join("/");
    if (pages.has(path) || (perKind.get(kind) ?? 0) >= MAX_PER_KIND) continue;
    perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
    const res = await client.get(path);
    pages.set(path, res);
    if (!(res.headers.get("content-type") ?? "").startsWith("text/html")) {
      await res.arrayBuffer();
      continue;
    }
    const html = await res.text();
    forms.push(...formsIn(path, html));
    for (const link of linksIn(html)) if (!pages.has(link) && !link.startsWith("/logout")) queue.push(link);
  }
  return { pages, forms };
}

function expectSecurityHeaders(path: string, res: Response): void {
  const csp = res.headers.get("content-security-policy") ?? "";
  expect(csp, `${path}: CSP`).toContain("script-src 'self'");
  expect(csp, `${path}: CSP`).toContain("object-src 'none'");
  expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
  expect(res.headers.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
  if (/\/embed\//.test(path)) {
    expect(csp, `${path}: an embed may be framed`).toContain("frame-ancestors *");
    expect(res.headers.get("x-frame-options"), path).toBeNull();
  } else {
    expect(csp, `${path}: frame rules`).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-frame-options"), path).toBe("DENY");
  }
}

/** Every row of every table but the sessions (signing in adds one), and every ref of every repository. */
async function hubState(hub: HubProcess): Promise<string> {
  const { db } = openDatabase(hub.databaseUrl);
  try {
    const tables = (await db.introspection.getTables()).map((t) => t.name).filter((name) => name !== "web_sessions" && !name.startsWith("kysely_")).sort();
    const rows: Record<string, unknown[]> = {};
    for (const table of tables) rows[table] = (await sql`select * from ${sql.table(table)}`.execute(db)).rows.map((row) => JSON.stringify(row)).sort();
    const refs: Record<string, unknown> = {};
    for (const repo of await bareRepositories(hub.dataDir)) refs[repo] = await listRefs(repo);
    return JSON.stringify({ rows, refs });
  } finally {
    await db.destroy();
  }
}

async function signIn(hub: HubProcess): Promise<WebClient> {
  const browser = new WebClient(hub);
  const csrf = await browser.csrfFrom("/login");
  const res = await browser.post("/login", { username: "admin", password: ADMIN_PASSWORD, _csrf: csrf });
  expect(res.status).toBe(303);
  return browser;
}

for (const dialect of selectedDialects()) describe(`${dialect}: security headers on every page, CSRF on every form, session cookies`, () => {
  let demo: HubProcess;
  let browser: WebClient;
  let admin: Awaited<ReturnType<typeof crawl>>;

  beforeAll(async () => {
    demo = await startHub({ dialect, serveArgs: ["--demo"] });
    await demo.cli(["user", "password", "admin"], { input: ADMIN_PASSWORD });
    browser = await signIn(demo);
    admin = await crawl(browser);
  });
  afterAll(async () => {
    await demo?.stop();
    if (demo) await rm(demo.dataDir, { recursive: true, force: true });
  });

  it("every HTML page an admin or a visitor can reach carries CSP, nosniff, a referrer policy and frame rules", async () => {
    const visitor = await crawl(new WebClient(demo), MAX_VISITOR_PAGES);
    let html = 0;
    for (const { pages } of [admin, visitor]) {
      for (const [path, res] of pages) {
        expect(res.status, path).toBeLessThan(500);
        if (!(res.headers.get("content-type") ?? "").startsWith("text/html")) continue;
        html++;
        expectSecurityHeaders(path, res);
      }
    }
    expect(admin.pages.size).toBeGreaterThan(30);
    report(`${demo.dialect}: headers: ${admin.pages.size} addresses crawled as the site admin and ${visitor.pages.size} as a visitor, ${html} HTML answers, every one with CSP (frame-ancestors 'none', or * on embeds), nosniff, Referrer-Policy and X-Frame-Options`);
  });

  it("refuses every state-changing form without its token, with another session's token, or sent cross-site, and changes nothing", async () => {
    const other = await signIn(demo);
    const othersToken = await other.csrfFrom("/settings/tokens");
    const distinct = [...new Map(admin.forms.map((f) => [f.action, f])).values()];
    expect(distinct.length).toBeGreaterThan(10);
    const before = await hubState(demo);
    let refusals = 0;
    for (const form of distinct) {
      const own = form.fields._csrf;
      expect(own, `${form.action} (on ${form.page}) has a CSRF field`).toBeTruthy();
      const attempts: [string, Record<string, string>, Record<string, string>][] = [
        ["without a token", { ...form.fields, _csrf: "" }, {}],
        ["with another session's token", { ...form.fields, _csrf: othersToken }, {}],
        ["from another site", form.fields, { "sec-fetch-site": "cross-site" }],
      ];
      for (const [how, fields, headers] of attempts) {
        const res = await browser.post(form.action, fields, headers);
        expect(res.status, `${form.action} ${how}`).toBe(403);
        expect(await res.text(), `${form.action} ${how}`).toContain("did not come from this site");
        refusals++;
      }
    }
    expect(await hubState(demo)).toBe(before);
    report(`${demo.dialect}: CSRF: ${distinct.length} distinct form actions found by crawling as the site admin, each refused without its token, with another session's token and cross-site: ${refusals} refusals (403), every table and ref unchanged`);
  });

  it("sets the session cookie HttpOnly and SameSite=Lax, Secure only over TLS, and trusts X-Forwarded-Proto only when told to", async () => {
    const attributes = async (hub: HubProcess, headers: Record<string, string>) => {
      const browser = new WebClient(hub);
      const csrf = await browser.csrfFrom("/login");
      const res = await browser.post("/login", { username: "admin", password: ADMIN_PASSWORD, _csrf: csrf }, headers);
      expect(res.status).toBe(303);
      return res.headers.getSetCookie().find((line) => line.startsWith("evalhub_session=")) ?? "";
    };
    const plain = await attributes(demo, {});
    const spoofed = await attributes(demo, { "x-forwarded-proto": "https" });
    for (const cookie of [plain, spoofed]) {
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      expect(cookie).not.toMatch(/Secure/i);
      expect(/^evalhub_session=([^;]+)/.exec(cookie)?.[1]?.length).toBeGreaterThanOrEqual(32);
    }
    const proxied = await startHub({ dialect: demo.dialect, env: { EVALHUB_TRUST_PROXY: "1" } });
    try {
      await proxied.cli(["user", "password", "admin"], { input: ADMIN_PASSWORD });
      const behindTls = await attributes(proxied, { "x-forwarded-proto": "https" });
      expect(behindTls).toMatch(/; Secure/i);
      expect(behindTls).toMatch(/HttpOnly/i);
      expect(await attributes(proxied, { "x-forwarded-proto": "http" })).not.toMatch(/Secure/i);
    } finally {
      await proxied.stop();
      await rm(proxied.dataDir, { recursive: true, force: true });
    }
    report(`${demo.dialect}: session cookie: HttpOnly, SameSite=Lax, no Secure over plain HTTP even with a forged X-Forwarded-Proto; Secure behind a trusted proxy (EVALHUB_TRUST_PROXY=1) reporting https`);
  });
});
