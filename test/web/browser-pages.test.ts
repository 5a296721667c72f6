import type { Dialog, Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { useBrowser } from "../support/browser.ts";
import { postTo } from "../support/discussions.ts";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { commitTo } from "../support/results-hub.ts";
import { createRepoAs } from "../support/write-api.ts";
import { FILE_NAME_PAYLOADS, SCRIPT_URLS, XSS_PAYLOADS } from "../support/xss-payloads.ts";

// The pages in Chromium: tables without JavaScript, the weight of the scripts, and a corpus of XSS payloads in
// every kind of user content (READMEs, YAML fields, pull-request comments, file names, commit messages).

const JS_BUDGET_BYTES = 150 * 1024;

/** A results entry in YAML; every string goes through JSON quoting, which YAML reads as a double-quoted scalar. */
const entry = (task: string, value: number, fields: { notes?: string; url?: string; name?: string }) =>
  `- dataset:\n    id: owner1/xss-bench\n    task_id: ${task}\n  value: ${value}\n` +
  (fields.notes !== undefined ? `  notes: ${JSON.stringify(fields.notes)}\n` : "") +
  (fields.url !== undefined ? `  source:\n    url: ${JSON.stringify(fields.url)}\n${fields.name !== undefined ? `    name: ${JSON.stringify(fields.name)}\n` : ""}` : "");

/** Loads a page and reports whether any payload ran (the trap variable, or a dialog). */
async function ranScript(page: Page, url: string): Promise<string[]> {
  const fired: string[] = [];
  const onDialog = (dialog: Dialog) => {
    fired.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  };
  page.on("dialog", onDialog);
  try {
    const res = await page.goto(url, { waitUntil: "load" });
    expect(res?.status(), url).toBe(200);
    await page.mouse.move(200, 300);
    if (await page.evaluate<unknown>("window.__xss")) fired.push("window.__xss was set");
  } finally {
    page.off("dialog", onDialog);
  }
  return fired;
}

async function scriptBytes(page: Page, url: string): Promise<number> {
  let total = 0;
  const pending: Promise<void>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") pending.push(response.body().then((b) => void (total += b.length)));
  });
  await page.goto(url, { waitUntil: "load" });
  await Promise.all(pending);
  return total;
}

describeEachDialectWithHub("pages in Chromium", (getHub) => {
  const browser = useBrowser();
  let modelCommit = "";

  beforeAll(async () => {
    const hub = getHub();
    const owner = await hub.createUser("owner1");
    const other = await hub.createUser("other1");
    const readme = ["---", "license: mit", "---", "# Card", ...XSS_PAYLOADS].join("\n\n");
    await createRepoAs(hub, owner, "owner1/xss-bench", { kind: "dataset" });
    const evalYaml = `name: XSS\ndescription: ${JSON.stringify(XSS_PAYLOADS.join(" "))}\nevaluation_framework: math-arena\ntasks:\n  - id: easy\n  - id: hard\n`;
    await commitTo(hub, owner, "owner1/xss-bench", { "eval.yaml": evalYaml, "README.md": readme }, { kind: "dataset", summary: XSS_PAYLOADS[0] });

    await createRepoAs(hub, owner, "owner1/xss-model");
    const entries = XSS_PAYLOADS.map((payload, i) => entry(i % 2 ? "easy" : "hard", i / 100, { notes: payload, url: `https://example.org/run/${i}`, name: payload }));
    const scripted = SCRIPT_URLS.map((url, i) => entry("easy", 0.5 + i / 100, { notes: "script url", url, name: "scripted" }));
    const names = Object.fromEntries(FILE_NAME_PAYLOADS.map((name) => [name, "x"]));
    modelCommit = (
      await commitTo(hub, owner, "owner1/xss-model", { "README.md": readme, ".eval_results/xss.yaml": [...entries, ...scripted].join(""), ...names }, { summary: XSS_PAYLOADS[3] })
    ).commit;

    const { pr } = await commitTo(hub, other, "owner1/xss-model", { ".eval_results/community.yaml": entry("easy", 0.99, { notes: XSS_PAYLOADS[5] }) }, { createPr: true, summary: XSS_PAYLOADS[6] });
    for (let i = 0; i < XSS_PAYLOADS.length; i += 20) {
      const res = await postTo(hub, other, "owner1/xss-model", pr ?? 0, "comment", { comment: XSS_PAYLOADS.slice(i, i + 20).join("\n\n") });
      expect(res.status, await res.text()).toBe(200);
    }
  });

  it("shows the leaderboard and the model's results with JavaScript off", async () => {
    const context = await browser().newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${getHub().url}/datasets/owner1/xss-bench?task_id=easy`);
      expect(await page.locator("table.leaderboard tbody tr").count()).toBeGreaterThan(0);
      await page.locator("table.leaderboard th[data-sort-key=model] a").click();
      expect(page.url()).toContain("sort=model");
      expect(await page.locator("table.leaderboard tbody tr").count()).toBeGreaterThan(0);
      await page.goto(`${getHub().url}/owner1/xss-model`);
      expect(await page.locator("table.results tbody tr").count()).toBeGreaterThanOrEqual(XSS_PAYLOADS.length);
    } finally {
      await context.close();
    }
  });

  it("loads less than 150 KB of JavaScript on the benchmark and model pages", async () => {
    const context = await browser().newContext();
    try {
      const page = await context.newPage();
      for (const path of ["/datasets/owner1/xss-bench", "/owner1/xss-model", "/"]) {
        const bytes = await scriptBytes(page, `${getHub().url}${path}`);
        expect(bytes, path).toBeLessThan(JS_BUDGET_BYTES);
      }
      // The sort script runs: a header click sorts in place, without loading another page.
      await page.goto(`${getHub().url}/datasets/owner1/xss-bench?task_id=easy`);
      await page.evaluate("window.__samePage = true");
      await page.locator("table.leaderboard th[data-sort-key=value] a").click();
      await page.locator("table.leaderboard th[data-sort-key=value][aria-sort]").waitFor();
      expect(await page.evaluate<unknown>("window.__samePage")).toBe(true);
      expect(page.url()).toContain("sort=value");
    } finally {
      await context.close();
    }
  });

  it("runs none of the XSS payloads on any page", async () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(50);
    // The trap works: the same payloads, put into a page unescaped, do run.
    const control = await browser().newPage();
    await control.setContent(`<p>${XSS_PAYLOADS[3]}</p>`, { waitUntil: "load" });
    await control.waitForFunction("window.__xss === 1");
    await control.close();
    const url = getHub().url;
    const pages = [
      "/",
      `/search?q=${encodeURIComponent(XSS_PAYLOADS[0]!)}`,
      "/search?q=xss",
      "/datasets/owner1/xss-bench",
      "/datasets/owner1/xss-bench?task_id=hard",
      "/datasets/owner1/xss-bench/embed/leaderboard?leaderboard_is_expanded=true",
      "/datasets/owner1/xss-bench/blob/main/README.md",
      "/datasets/owner1/xss-bench/commits/main",
      "/owner1/xss-model",
      "/owner1/xss-model/tree/main",
      "/owner1/xss-model/tree/main/.eval_results",
      "/owner1/xss-model/blob/main/.eval_results/xss.yaml",
      `/owner1/xss-model/blob/main/${encodeURIComponent(FILE_NAME_PAYLOADS[0]!)}`,
      "/owner1/xss-model/commits/main",
      `/owner1/xss-model/commit/${modelCommit}`,
      "/owner1/xss-model/discussions",
      "/owner1/xss-model/discussions/1",
    ];
    // The CSP would stop inline script on its own; bypassing it here tests the escaping and sanitising underneath.
    const context = await browser().newContext({ bypassCSP: true });
    const fired: string[] = [];
    try {
      const page = await context.newPage();
      for (const path of pages) for (const what of await ranScript(page, `${url}${path}`)) fired.push(`${path}: ${what}`);
    } finally {
      await context.close();
    }
    expect(fired).toEqual([]);
  });
});
