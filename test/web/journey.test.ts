import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { checkPageAtViewports, horizontalOverflow, openWatchedPage, screenshot, useBrowser, type WatchedPage } from "../support/browser.ts";
import { describeEachDialectWithHub, type HubProcess } from "../support/hub-process.ts";
import { runCommand } from "../support/run-command.ts";

// The journey of issue 7, in Chromium against a real hub: sign up, make a token, upload with the Python client,
// see the leaderboard, a community pull request and its badge, merge and close as the owner, hide a result with a
// reason, find it in the ledger, unhide it. Every page is also loaded at 1280×800 and 390×844, with no console
// error and no horizontal overflow; screenshots go to test-output/screenshots/.

const SCRIPT = resolve("test/web/journey.py");
const OWNER = "journey-owner";
const PASSWORD = "a long journey password";

describeEachDialectWithHub("the browser journey", (getHub) => {
  const getBrowser = useBrowser();
  let scratch = "";
  let context: BrowserContext;
  let tab: WatchedPage;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "evalhub-journey-"));
    context = await getBrowser().newContext({ viewport: { width: 1280, height: 800 } });
    tab = await openWatchedPage(getBrowser(), { context });
  });
  afterAll(async () => {
    await context?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  const python = async (hub: HubProcess, token: string, args: string[]) => {
    const env = { ...process.env, HF_ENDPOINT: hub.url, TOKEN: token, HF_TOKEN: "", HF_HOME: join(scratch, "hf-home"), HF_HUB_DISABLE_TELEMETRY: "1", HF_HUB_DISABLE_XET: "1", NO_COLOR: "1" };
    const { stdout } = await runCommand(inject("pythonClient").python, [SCRIPT, ...args], { env });
    return stdout.trim().split("\n").pop() ?? "";
  };

  /**
   * Loads the page in the journey's tab, then loads it again at 1280×800 and 390×844 as the same signed-in user,
   * checking errors and overflow, with screenshots.
   */
  const visit = async (page: Page, url: string, name: string) => {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(200);
    await checkEverywhere(url, name);
  };
  const checkHere = async (page: Page, name: string) => {
    expect(await horizontalOverflow(page), `horizontal overflow of ${name}`).toBe(0);
    expect(tab.errors(), `errors in the journey's tab up to ${name}`).toEqual([]);
    await screenshot(page, `${getHub().dialect}-${name}`);
  };
  const checkEverywhere = async (url: string, name: string) => {
    const checks = await checkPageAtViewports(getBrowser(), url, `${getHub().dialect}-${name}`, await context.storageState());
    for (const check of checks) {
      expect(check.errors, `${name} at ${check.width}px`).toEqual([]);
      expect(check.overflow, `horizontal overflow of ${name} at ${check.width}px`).toBe(0);
    }
    expect(tab.errors(), `errors in the journey's tab up to ${name}`).toEqual([]);
  };

  it("signs up, makes a token, uploads, reviews pull requests and moderates, all in the browser", async () => {
    const hub = getHub();
    const page = tab.page;
    const base = hub.url;

    // Sign up with the web form.
    await visit(page, `${base}/join`, "join");
    await page.fill("input[name=username]", OWNER);
    await page.fill("input[name=password]", PASSWORD);
    await page.fill("input[name=password_again]", PASSWORD);
    await Promise.all([page.waitForURL(`${base}/`), page.click("form[action='/join'] button[type=submit]")]);
    expect(await page.textContent(".site-header")).toContain(OWNER);
    await checkHere(page, "home-signed-in");

    // Create a write token on the tokens page; it is shown once.
    await visit(page, `${base}/settings/tokens`, "tokens");
    await page.fill("form[action='/settings/tokens'] input[name=name]", "journey");
    await page.check("input[name=role][value=write]");
    await Promise.all([page.waitForLoadState("load"), page.click("form[action='/settings/tokens'] button[type=submit]")]);
    const token = ((await page.textContent("#new-token")) ?? "").trim();
    expect(token).toMatch(/^hf_[A-Za-z0-9]{30,}$/);

    // Upload a benchmark and results with the Python client, then see the leaderboard.
    const bench = await python(hub, token, ["setup"]);
    expect(bench).toBe(`${OWNER}/journey-bench`);
    await visit(page, `${base}/datasets/${bench}`, "leaderboard");
    expect(await page.textContent("main")).toContain(`${OWNER}/model-a`);

    // Another user opens a community pull request with Python; the leaderboard marks it.
    const contributor = await hub.createUser("journey-contributor");
    const firstPr = await python(hub, contributor, ["pr", `${OWNER}/model-b`, "80.25"]);
    expect(firstPr).toBe("1");
    await visit(page, `${base}/datasets/${bench}`, "leaderboard-community");
    const communityRow = page.locator("tr", { hasText: `${OWNER}/model-b` });
    await expect.poll(() => communityRow.locator(".badge.community").count()).toBeGreaterThan(0);

    // The owner reviews it: the scores it adds, then merges with the button.
    await visit(page, `${base}/${OWNER}/model-b/discussions`, "pull-requests");
    await visit(page, `${base}/${OWNER}/model-b/discussions/1`, "pull-request");
    const added = page.locator("table.score-changes tr.change-added");
    expect(await added.count()).toBe(1);
    expect(await added.textContent()).toContain("80.25");
    await Promise.all([page.waitForLoadState("load"), page.click("button:has-text('Merge pull request')")]);
    expect(await page.locator(".discussion-head .badge.status-merged").count()).toBe(1);
    await checkHere(page, "pull-request-merged");
    await visit(page, `${base}/datasets/${bench}`, "leaderboard-merged");
    expect(await page.locator("tr", { hasText: `${OWNER}/model-b` }).locator(".badge.community").count()).toBe(0);

    // A second pull request, closed by the owner.
    const secondPr = await python(hub, contributor, ["pr", `${OWNER}/model-a`, "12"]);
    await visit(page, `${base}/${OWNER}/model-a/discussions/${secondPr}`, "pull-request-2");
    await Promise.all([page.waitForLoadState("load"), page.click(".discussion-actions button:has-text('Close')")]);
    expect(await page.locator(".discussion-head .badge.status-closed").count()).toBe(1);
    await visit(page, `${base}/${OWNER}/model-a/discussions?status=declined`, "pull-requests-closed");
    expect(await page.textContent("main")).toContain("Add a score of 12");

    // Hide model-a's result with a reason, find it in the benchmark's ledger, then unhide it.
    await visit(page, `${base}/${OWNER}/model-a`, "model");
    const reason = "Journey: scored on the wrong split";
    const hideForm = page.locator("form.moderate", { has: page.locator("button:has-text('Hide')") }).first();
    await hideForm.locator("input[name=reason]").fill(reason);
    await Promise.all([page.waitForURL(/moderated=hide/), hideForm.locator("button").click()]);
    await checkHere(page, "model-hidden");
    await visit(page, `${base}/datasets/${bench}`, "leaderboard-ledger");
    const ledgerRow = page.locator("table.ledger tr", { hasText: reason });
    expect(await ledgerRow.count()).toBe(1);
    expect(await ledgerRow.locator(".badge.hidden").count()).toBe(1);
    expect(await page.locator("table:not(.ledger) tr", { hasText: `${OWNER}/model-a` }).count()).toBe(0);

    await visit(page, `${base}/${OWNER}/model-a`, "model-to-unhide");
    const unhideForm = page.locator("form.moderate", { has: page.locator("button:has-text('Unhide')") }).first();
    await unhideForm.locator("input[name=reason]").fill("Journey: the split was right after all");
    await Promise.all([page.waitForURL(/moderated=unhide/), unhideForm.locator("button").click()]);
    await visit(page, `${base}/datasets/${bench}`, "leaderboard-unhidden");
    expect(await page.locator("table.ledger tr", { hasText: "the split was right after all" }).count()).toBe(1);
    expect(await page.locator("table:not(.ledger) tr", { hasText: `${OWNER}/model-a` }).count()).toBeGreaterThan(0);

    // Sign out: the session is gone.
    await Promise.all([page.waitForURL(`${base}/`), page.click(".site-header form[action='/logout'] button")]);
    expect(await page.textContent(".site-header")).toContain("Sign in");
    expect(tab.errors()).toEqual([]);
  });
});
