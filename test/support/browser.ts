import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

/** Debian's Chromium; the tests never download a browser. */
export const CHROMIUM = "/usr/bin/chromium";
export const SCREENSHOT_DIR = resolve("test-output/screenshots");

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** One browser for the whole test file, closed after it. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error("the browser runs only inside tests and hooks");
    return browser;
  };
}

/** A page that records console errors, page errors and failed same-origin requests. */
export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Everything that went wrong since the page opened (or since the last `clearErrors`). */
  errors(): string[];
  clearErrors(): void;
}

export async function openWatchedPage(browser: Browser, options: { viewport?: ViewportName; javaScript?: boolean; context?: BrowserContext } = {}): Promise<WatchedPage> {
  const context = options.context ?? (await browser.newContext({ viewport: VIEWPORTS[options.viewport ?? "desktop"], javaScriptEnabled: options.javaScript ?? true }));
  const page = await context.newPage();
  let errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  // Console messages about failed loads do not say what failed; this names it.
  page.on("response", (response) => {
    if (response.status() >= 400 && response.request().resourceType() !== "document") errors.push(`HTTP ${response.status()} ${response.url()}`);
  });
  return {
    page,
    context,
    errors: () => [...errors],
    clearErrors: () => {
      errors = [];
    },
  };
}

/** How far the document is wider than the viewport (0 when it fits). */
export async function horizontalOverflow(page: Page): Promise<number> {
  // A string, because the test project is compiled without the DOM library.
  return page.evaluate<number>("Math.max(0, document.documentElement.scrollWidth - window.innerWidth)");
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  const file = join(SCREENSHOT_DIR, `${name.replace(/[^a-z0-9._-]+/gi, "-")}-${width}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface PageCheck {
  url: string;
  width: number;
  overflow: number;
  errors: string[];
  screenshot: string;
}

/**
 * Loads `url` at each viewport in a fresh context sharing `storageState` (so a signed-in view stays signed in),
 * screenshots it and reports console errors and horizontal overflow.
 */
export async function checkPageAtViewports(browser: Browser, url: string, name: string, storageState?: Awaited<ReturnType<BrowserContext["storageState"]>>): Promise<PageCheck[]> {
  const checks: PageCheck[] = [];
  for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
    const context = await browser.newContext({ viewport: VIEWPORTS[viewport], ...(storageState ? { storageState } : {}) });
    try {
      const watched = await openWatchedPage(browser, { context });
      const response = await watched.page.goto(url, { waitUntil: "load" });
      const status = response?.status() ?? 0;
      const errors = watched.errors();
      if (status >= 400) errors.push(`HTTP ${status} for ${url}`);
      checks.push({ url, width: VIEWPORTS[viewport].width, overflow: await horizontalOverflow(watched.page), errors, screenshot: await screenshot(watched.page, name) });
    } finally {
      await context.close();
    }
  }
  return checks;
}
