import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, launchBrowser, openPage, screenshot, textOf } from './support/browser.js';
import { type ProjectCollector, startProjectCollector } from './support/project-collector.js';
import { lineOf, SERVICE_FILE, startTracedService, type TracedService } from './support/traced-service.js';

const SERVICE = 'pricing';
const RETURN_LINE = lineOf('return order;');
/** Long enough for the SDK's long poll to hear of an action and patch it in. */
const APPLIED_MS = 10_000;

let collector: ProjectCollector;
let service: TracedService;
let browser: Browser;
beforeAll(async () => {
  collector = await startProjectCollector('shop');
  [service, browser] = await Promise.all([
    startTracedService(collector.project.dsn, SERVICE),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await service?.stop();
  await collector?.close();
});

/** Opens the tracing page through the header link, as a person would. */
async function openTracing(): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(browser);
  await opened.page.goto(`${collector.url}/#token=${collector.project.readToken}`);
  await opened.page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Tracing' })
    .click();
  await opened.page.getByRole('heading', { name: 'Dynamic tracing' }).waitFor();
  return opened;
}

/** Fills the form's common fields and the kind; the caller adds the rest and submits. */
async function fillAction(page: Page, kind: 'Snapshot' | 'Log', condition?: string): Promise<void> {
  await page.getByRole('radio', { name: new RegExp(`^${kind}`) }).check();
  await page.getByLabel('Service', { exact: true }).fill(SERVICE);
  await page.getByLabel('File', { exact: true }).fill(SERVICE_FILE);
  await page.getByLabel('Line', { exact: true }).fill(String(RETURN_LINE));
  if (condition) await page.getByLabel('Condition (optional)').fill(condition);
}

/** The action placed last, which the page selects (newest first). */
const selectedAction = (page: Page) =>
  page.getByRole('list', { name: 'Tracing actions' }).locator('li[aria-current="true"]');

async function waitForState(page: Page, state: string): Promise<void> {
  await eventually(async () => {
    expect(await textOf(selectedAction(page))).toMatch(new RegExp(`\\b${state}\\b`));
  }, APPLIED_MS);
}

const hits = (page: Page) => page.getByRole('list', { name: 'Hits' }).getByRole('listitem');

describe('the tracing page', () => {
  it('shows what the collector refused next to the field, then streams a log action’s lines without a reload', async () => {
    const { page, errors } = await openTracing();
    await fillAction(page, 'Log');
    await page.getByRole('button', { name: 'Place log' }).click();
    await expect(textOf(page.getByRole('alert'))).resolves.toBe(
      'a log action needs a template, e.g. "total {order.total}"',
    );
    const template = page.getByLabel('Template', { exact: true });
    await expect(template.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(textOf(page.locator(`#${await template.getAttribute('aria-describedby')}`))).resolves.toBe(
      'required for kind log',
    );

    await template.fill('qty {qty}: {order.totalCents} cents');
    await page.getByRole('button', { name: 'Place log' }).click();
    await waitForState(page, 'applied');
    expect(await textOf(selectedAction(page))).toContain(`${SERVICE_FILE}:${RETURN_LINE}`);

    await service.get('/price?qty=2');
    await service.get('/price?qty=3&code=STAFF100');
    await eventually(async () => {
      const lines = await hits(page)
        .filter({ has: page.locator('code') })
        .allInnerTexts();
      expect(lines.map((line) => line.split('\n').at(-1))).toEqual(['qty 3: 0 cents', 'qty 2: 5000 cents']);
    }, APPLIED_MS);
    await eventually(async () => expect(await textOf(selectedAction(page))).toContain('2 / 100 hits'));
    await screenshot(page, 'tracing-log');

    await selectedAction(page)
      .getByRole('button', { name: /^Remove/ })
      .click();
    await waitForState(page, 'removed');
    // The refused request is the only console error: Chromium reports every 4xx it fetched.
    expect(errors).toEqual([expect.stringContaining('status of 400 (Bad Request)')]);
    await page.close();
  });

  it('takes a snapshot when its condition holds and shows the frame’s locals decoded', async () => {
    const { page, errors } = await openTracing();
    await fillAction(page, 'Snapshot', "code === 'STAFF100'");
    await page.getByRole('button', { name: 'Place snapshot' }).click();
    await waitForState(page, 'applied');

    await service.get('/price?qty=1');
    await service.get('/price?qty=4&code=STAFF100');
    const snapshot = hits(page).filter({ hasText: 'Snapshot of' });
    await snapshot.waitFor({ timeout: APPLIED_MS });
    const frame = snapshot.getByRole('listitem').filter({ hasText: 'price' }).first();
    const locals = frame.getByRole('table', { name: 'Local variables' });
    const row = (name: string) =>
      locals.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
    await expect(textOf(row('qty'))).resolves.toMatch(/^qty\s+4$/);
    await expect(textOf(row('subtotalCents'))).resolves.toMatch(/^subtotalCents\s+10000$/);
    await expect(textOf(row('order'))).resolves.toContain('totalCents: 0');
    // One hit is a snapshot's default limit: the action ends there.
    await eventually(async () => expect(await textOf(selectedAction(page))).toContain('1 / 1 hit'));
    await expect(
      selectedAction(page)
        .getByRole('button', { name: /^Remove/ })
        .count(),
    ).resolves.toBe(0);
    await screenshot(page, 'tracing-snapshot');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the SDK’s reason prominently when it refuses a condition with a side effect', async () => {
    const { page, errors } = await openTracing();
    await fillAction(page, 'Snapshot', 'order.save()');
    await page.getByRole('button', { name: 'Place snapshot' }).click();
    await waitForState(page, 'error');
    const reason = selectedAction(page).locator('.action-error-reason');
    await expect(textOf(reason)).resolves.toMatch(
      /^condition rejected: .*order\.save\(\).* calls a function/,
    );
    await screenshot(page, 'tracing-error');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'tracing-error-dark');
    expect(errors).toEqual([]);
    await page.close();
  });
});
