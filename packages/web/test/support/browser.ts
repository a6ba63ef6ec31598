/** Debian's chromium driven by playwright-core: one browser per test file, a fresh page per test. */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

const CHROMIUM = process.env.FLASHBACK_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = fileURLToPath(new URL('../.screenshots/', import.meta.url));

export function launchBrowser(): Promise<Browser> {
  // Tests run as root in CI, where chromium refuses its sandbox.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
}

/** A page whose uncaught errors and console errors fail the test that reads `errors`. */
export async function openPage(
  browser: Browser,
  colorScheme: 'light' | 'dark' = 'light',
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { page, errors };
}

/** A full-page screenshot under test/.screenshots (gitignored), to look at the design. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

/** A screenshot of one part of a long page, e.g. a section, under test/.screenshots. */
export async function screenshotOf(locator: Locator, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await locator.screenshot({ path: `${SCREENSHOTS}${name}.png` });
}

/** Waits until `locator` matches exactly `count` elements; the failure says how many it found. */
export function expectCount(locator: Locator, count: number, timeoutMs = 5_000): Promise<void> {
  return eventually(async () => {
    const seen = await locator.count();
    if (seen !== count) throw new Error(`expected ${count} elements for ${locator}, found ${seen}`);
  }, timeoutMs);
}

/** The text of `locator` as rendered (line breaks between blocks), as a reader sees it. */
export function textOf(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, not the DOM property.
  return locator.innerText();
}

/** Retries `assertion` until it passes, e.g. while a list reloads; throws its last failure. */
export async function eventually(assertion: () => Promise<void>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
