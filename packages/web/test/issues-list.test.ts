import { createProject, createReadToken } from '@flashback/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, expectCount, launchBrowser, openPage, screenshot, textOf } from './support/browser.js';
import { startUiCollector, type UiCollector } from './support/ui-collector.js';

let collector: UiCollector;
let browser: Browser;
beforeAll(async () => {
  [collector, browser] = await Promise.all([startUiCollector(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
});

const issueRows = (page: Page) => page.getByRole('row').filter({ has: page.getByRole('link') });

describe('the issues list', () => {
  it('takes the token from the link, forgets it in the address bar, and lists issues with counts and tiers', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${collector.url}/#token=${collector.readToken}`);
    await expectCount(issueRows(page), 9);
    expect(page.url()).not.toContain(collector.readToken);
    expect(await storedValues(page)).toContain(collector.readToken);

    const zeroCharge = issueRows(page).filter({ hasText: "reading 'status'" });
    await expect(textOf(zeroCharge.getByRole('cell', { name: '3 events' }))).resolves.toBe('3');
    await expect(textOf(zeroCharge)).resolves.toMatch(/Tier 2\s+cause explained/);
    await expect(textOf(zeroCharge)).resolves.toContain('Charge amount must be at least $0.50');
    const reproduced = issueRows(page).filter({ hasText: 'Invalid array length' });
    await expect(textOf(reproduced)).resolves.toMatch(/Tier 3\s+reproduced[\s\S]+reproduced/);
    await screenshot(page, 'issues-list');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'issues-list-dark');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('narrows the list by tier, by text and sorts by count, keeping the filters in the address bar', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${collector.url}/#token=${collector.readToken}`);
    await expectCount(issueRows(page), 9);
    const counts = () =>
      issueRows(page)
        .getByRole('cell', { name: /events$/ })
        .allInnerTexts();
    // Newest activity first: the issue seen three times is not the latest.
    expect((await counts())[0]).toBe('1');

    await page.getByLabel('Tier').selectOption('3');
    await eventually(async () =>
      expect(await issueRows(page).allInnerTexts()).toEqual([expect.stringContaining('RangeError')]),
    );
    expect(page.url()).toContain('tier=3');

    await page.getByLabel('Tier').selectOption('');
    await expectCount(issueRows(page), 9);
    await page.getByRole('searchbox', { name: 'Search issues' }).fill('gateway');
    await eventually(async () =>
      expect(await issueRows(page).allInnerTexts()).toEqual([expect.stringContaining('GatewayAuthError')]),
    );
    expect(page.url()).toContain('q=gateway');

    await page.getByRole('searchbox', { name: 'Search issues' }).fill('');
    await expectCount(issueRows(page), 9);
    await page.getByLabel('Sort').selectOption('count');
    await eventually(async () =>
      expect(await counts()).toEqual(['3', '2', '1', '1', '1', '1', '1', '1', '1']),
    );

    await page.getByLabel('Tier').selectOption('4');
    await page.getByText('No issue matches these filters.').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the project picker', () => {
  it('appears when the token reads several projects, and switches between them', async () => {
    const storage = collector.app.flashbackStorage;
    await createProject('billing', { storage });
    const everyProject = await createReadToken({ storage });
    const { page, errors } = await openPage(browser);
    await page.goto(`${collector.url}/#token=${everyProject}`);
    const picker = page.getByRole('combobox', { name: 'Project' });
    // The first project the token reads opens first.
    await page.getByText('No issues yet.').waitFor();
    await expect(picker.inputValue()).resolves.toBe('billing');
    await picker.selectOption('checkout');
    await expectCount(issueRows(page), 9);
    expect(page.url()).toContain('#/checkout/issues');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the token form', () => {
  it('asks for a token when there is none, and opens the list once a valid one is pasted', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${collector.url}/`);
    await page.getByLabel('Read token').fill(collector.readToken);
    await page.getByRole('button', { name: 'Open' }).click();
    await expectCount(issueRows(page), 9);
    await page.close();
  });

  it('says the token was refused on a 401, and takes a valid link opened in the same tab', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${collector.url}/#token=fbt_not-a-real-token`);
    await page.getByRole('alert').filter({ hasText: 'did not accept that token' }).waitFor();
    await page.getByLabel('Read token').waitFor();
    await screenshot(page, 'token-form');
    expect(await storedValues(page)).not.toContain('fbt_not-a-real-token');
    // A valid link opened in the same tab takes over without a reload.
    await page.goto(`${collector.url}/#token=${collector.readToken}`);
    await expectCount(issueRows(page), 9);
    await page.close();
  });
});

/** What the app keeps in localStorage (the test runs in node: no DOM types here). */
function storedValues(page: Page): Promise<string[]> {
  return page.evaluate<string[]>('Object.values(window.localStorage)');
}
