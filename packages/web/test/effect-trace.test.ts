import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, textOf } from './support/browser.js';
import { type ProjectCollector, startProjectCollector } from './support/project-collector.js';

/** The recorded checkout whose 100% promo makes a $0.00 charge the gateway rejects. */
const TRACE = fileURLToPath(
  new URL('../../../examples/effects-checkout/traces/checkout-promo-100.json', import.meta.url),
);

let collector: ProjectCollector;
let browser: Browser;
beforeAll(async () => {
  [collector, browser] = await Promise.all([startProjectCollector('shop'), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
});

const slider = (page: Page) => page.getByRole('slider', { name: 'Step' });
const position = (page: Page) => textOf(page.locator('.step-slider-label'));

describe('the effect trace viewer', () => {
  it('opens a trace file without a token or any API call, and steps to the rejected $0.00 charge', async () => {
    const { page, errors } = await openPage(browser);
    const apiCalls: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/')) apiCalls.push(request.url());
    });
    await page.goto(`${collector.url}/#/-/effects`);
    await page.getByLabel('Trace file').setInputFiles(TRACE);
    await page.getByRole('heading', { name: 'checkout', level: 2 }).waitFor();
    await expect(position(page)).resolves.toBe('#0 config.read · command 1 of 5');
    await expect(textOf(page.getByRole('list', { name: 'Steps' }))).resolves.toMatch(
      /#4\s+http\.request\s+400 Bad Request\s+end\s+outcome\s+PaymentRejected/,
    );

    await slider(page).fill('4');
    await expect(position(page)).resolves.toBe('#4 http.request · command 5 of 5');
    const charge = page.getByRole('article', { name: 'Step 4' });
    await expect(textOf(charge)).resolves.toMatch(/Result\s+400 Bad Request/i);
    await expect(textOf(charge)).resolves.toContain('Charge amount must be at least $0.50');
    const scope = charge.getByRole('table', { name: 'Values in scope' });
    const total = scope
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: /^totalCents/ }) });
    await expect(textOf(total)).resolves.toMatch(/^totalCents\s*new\s+0$/);
    await screenshot(page, 'effect-trace-charge');

    // The keyboard and the buttons move the same position; the end is the outcome.
    await page.locator('body').press('ArrowLeft');
    await expect(position(page)).resolves.toBe('#3 sql.query · command 4 of 5');
    await page.locator('body').press('ArrowRight');
    await page.getByRole('button', { name: 'Next →' }).click();
    await expect(position(page)).resolves.toBe('Outcome, after 5 commands');
    const outcome = page.getByRole('article', { name: 'Outcome' });
    await expect(textOf(outcome)).resolves.toContain(
      'PaymentRejected amount_too_small the payment gateway rejected the charge of $0.00',
    );
    await expect(textOf(outcome)).resolves.toContain('is not in it');
    await expect(page.getByRole('button', { name: 'Next →' }).isDisabled()).resolves.toBe(true);
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'effect-trace-outcome-dark');
    expect(apiCalls).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('names the JSON path at fault when the pasted text is not a trace', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${collector.url}/#/-/effects`);
    await page
      .getByLabel('Or paste its JSON')
      .fill(
        '{"format":"flashback.effects-trace/1","id":"x","program":{"name":"checkout"},"startedAt":"2026-11-22T09:41:42.607Z","steps":[{"seq":1}]}',
      );
    await page.getByRole('button', { name: 'Open pasted trace' }).click();
    await expect(textOf(page.getByRole('alert'))).resolves.toBe(
      'pasted trace is not an effect trace: steps[0].seq: expected 0, got 1',
    );
    await page.close();
  });
});
