import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  expectCount,
  launchBrowser,
  openPage,
  screenshot,
  screenshotOf,
  textOf,
} from './support/browser.js';
import { REPRODUCED_FIXTURE, startUiCollector, type UiCollector } from './support/ui-collector.js';

let collector: UiCollector;
let browser: Browser;
/** The tier-3 issue whose stored reproduction is `reproduced`. */
let reproducedIssueId: string;
beforeAll(async () => {
  [collector, browser] = await Promise.all([startUiCollector(), launchBrowser()]);
  const list = await api<{ issues: { id: string }[] }>('GET', '/issues?q=Invalid%20array%20length');
  reproducedIssueId = list.issues[0]?.id ?? '';
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
});

/** Calls the collector's API as the project's read token, as the CLI would. */
async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${collector.url}/api/projects/checkout${path}`, {
    method,
    headers: {
      authorization: `Bearer ${collector.readToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** What `flashback verify` records, as it records it. */
function recordVerification(outcome: string, summary: string, appRevision: string): Promise<unknown> {
  return api('POST', `/issues/${reproducedIssueId}/verifications`, { outcome, summary, appRevision });
}

const fix = (page: Page) => page.getByRole('region', { name: 'Fix', exact: true });

/** Opens the list with the token, then the issue whose row mentions `text`. */
async function openIssue(text: string): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(browser);
  await opened.page.goto(`${collector.url}/#token=${collector.readToken}`);
  await opened.page.getByRole('link').filter({ hasText: text }).click();
  await opened.page.getByRole('heading', { name: 'Timeline' }).waitFor();
  return opened;
}

const timelineEvents = (page: Page) => page.getByRole('list', { name: 'IO timeline' }).getByRole('listitem');

describe('the issue page', () => {
  it('leads with the cause of the $0.00 charge, quoting the gateway, and marks its evidence in the waterfall', async () => {
    const { page, errors } = await openIssue("reading 'status'");
    const triage = page.getByRole('region', { name: 'Triage' });
    await expect(textOf(triage)).resolves.toContain(
      'The payment gateway rejected the charge of $0.00: "Charge amount must be at least $0.50"',
    );
    await expect(textOf(triage)).resolves.toMatch(/Tier 2\s+cause explained\s+Upstream rejected the request/);
    // The cause comes before the error and the timeline.
    const headings = await page.getByRole('heading', { level: 2 }).allInnerTexts();
    expect(headings.slice(0, 2)).toEqual(['Error', 'Timeline']);
    const triageTop = await triage.boundingBox();
    const errorTop = await page.getByRole('heading', { name: 'Error', exact: true }).boundingBox();
    expect(triageTop?.y).toBeLessThan(errorTop?.y ?? 0);

    // Evidence: the gateway call (#3), marked and open with the gateway's answer.
    await expectCount(timelineEvents(page), 4);
    const evidence = timelineEvents(page).filter({ hasText: 'evidence' });
    await expectCount(evidence, 1);
    await expect(textOf(evidence)).resolves.toMatch(
      /#3\s+http\s+POST http:\/\/127\.0\.0\.1:\d+\/v1\/charges\s+evidence\s+400/i,
    );
    await expect(textOf(evidence)).resolves.toContain('amount_too_small');
    await triage.getByRole('button', { name: /#3 POST/ }).click();
    await screenshot(page, 'issue-zero-charge');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'issue-zero-charge-dark');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('expands a SQL event into its statement, parameters and the rows it returned', async () => {
    const { page } = await openIssue("reading 'status'");
    const promoQuery = timelineEvents(page).filter({ hasText: 'FROM promo_codes' });
    await promoQuery.getByText('FROM promo_codes').first().click();
    const rows = promoQuery.getByRole('table', { name: /Rows returned \(1\)/ });
    await rows.waitFor();
    expect(await rows.getByRole('columnheader').allInnerTexts()).toEqual(['code', 'percent_off']);
    expect(await rows.getByRole('cell').allInnerTexts()).toEqual(['“STAFF100”', '100']);

    const products = timelineEvents(page).filter({ hasText: 'FROM products' });
    await products.getByText('FROM products').first().click();
    // The merchant's gateway token was masked at capture: it shows as redacted, never as text.
    const productRows = products.getByRole('table', { name: /Rows returned/ });
    await expect(textOf(productRows.getByRole('row').nth(1))).resolves.toContain('redacted');
    await page.close();
  });

  it('shows the locals of the in-app frame where the error was thrown, with secrets redacted', async () => {
    const { page } = await openIssue("reading 'status'");
    const frame = page
      .getByRole('list', { name: 'Stack frames' })
      .getByRole('listitem')
      .filter({ hasText: 'Object.charge' });
    const locals = frame.getByRole('table', { name: 'Local variables' });
    await locals.waitFor();
    const row = (name: string) =>
      locals.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
    await expect(textOf(row('amountCents'))).resolves.toMatch(/^amountCents\s+0$/);
    await expect(textOf(row('charge'))).resolves.toMatch(/^charge\s+undefined$/);
    await expect(textOf(row('accessToken'))).resolves.toMatch(/^accessToken\s+redacted$/);
    await expect(textOf(row('customer'))).resolves.toContain('Ada Lovelace');
    await page.close();
  });

  it('shows the reproduction of the tier-3 issue: verdict, timings, fixture rows and run log', async () => {
    const { page, errors } = await openIssue('Invalid array length');
    const triage = page.getByRole('region', { name: 'Triage' });
    await expect(textOf(triage)).resolves.toContain('Reproduced: the replayed request threw RangeError');
    const reproduction = page.getByRole('article', { name: /Reproduction/ });
    await expect(textOf(reproduction)).resolves.toMatch(
      /Original\s+RangeError: Invalid array length\s+Replayed\s+RangeError: Invalid array length/,
    );
    await expect(textOf(reproduction.getByRole('list', { name: 'Timings' }))).resolves.toMatch(
      /Total\s+471 ms/,
    );
    await expect(textOf(reproduction)).resolves.toContain('None: the replayed IO followed the recording.');
    const plans = reproduction.getByRole('table', { name: /^installment_plans \(1 row\)/ });
    expect(await plans.getByRole('columnheader').allInnerTexts()).toContain('balance_cents');
    await reproduction.getByText('Run log').click();
    await reproduction.getByText('trigger: POST /checkout → 500').waitFor();
    await page.getByRole('region', { name: 'Service versions' }).getByText('checkout@1.4.2').waitFor();
    await screenshot(page, 'issue-reproduced');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the package page', () => {
  it('opens from the issue and shows the request, the error, the timeline, the environment and the redactions', async () => {
    const { page, errors } = await openIssue("reading 'status'");
    const packages = page.getByRole('region', { name: 'Packages' }).getByRole('link');
    await expectCount(packages, 3);
    const original = collector.packages.get('bug1-zero-amount-charge');
    await packages.filter({ hasText: original?.id ?? '?' }).click();
    await page.getByRole('heading', { name: 'Redactions' }).waitFor();
    const request = page.getByRole('region', { name: 'Request' });
    await expect(textOf(request)).resolves.toMatch(/POST \/checkout\s*500/);
    await expect(textOf(request)).resolves.toContain('"promoCode": "STAFF100"');
    await expect(textOf(page.getByRole('region', { name: 'Environment' }))).resolves.toContain(
      'DATABASE_URL',
    );
    const redactions = page.getByRole('region', { name: 'Redactions' }).getByRole('row');
    await expect(redactions.allInnerTexts()).resolves.toContainEqual(
      expect.stringMatching(/^timeline\[3\]\.requestHeaders\.authorization\s+header:authorization$/),
    );
    await expectCount(timelineEvents(page), 4);
    await screenshot(page, 'package');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('from reproduction to fix', () => {
  it('offers export-test, verify and bisect filled in from the reproduction’s app, ready to copy', async () => {
    const { page, errors } = await openIssue('Invalid array length');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: collector.url });
    // The newest package names the commit it ran: the known bad end of a bisect.
    const bad = collector.packages.get(REPRODUCED_FIXTURE)?.service.commit;
    const app = `--app examples/checkout --start 'node src/server.js' --server ${collector.url}`;
    const commands = await fix(page).locator('pre').allInnerTexts();
    expect(commands).toEqual([
      `flashback export-test ${reproducedIssueId} --out test/flashback-${reproducedIssueId.slice(0, 8)}.test.mjs ${app}`,
      `flashback verify ${reproducedIssueId} ${app}`,
      `flashback bisect ${reproducedIssueId} --app examples/checkout --good <rev without the bug> --bad ${bad} --start 'node src/server.js' --server ${collector.url}`,
    ]);

    const copy = fix(page).getByRole('button', { name: 'Copy the verify command' });
    await copy.click();
    // The clipboard write is asynchronous: the label changes once it is done.
    await eventually(async () => expect(await textOf(copy)).toBe('Copied'));
    await expect(page.evaluate<string>('navigator.clipboard.readText()')).resolves.toBe(commands[1]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lists the verifications, resolves only once one says fixed, and keeps the reason and notes', async () => {
    await recordVerification('still-failing', 'the replayed request still threw RangeError', '3f2a9c1');
    const { page, errors } = await openIssue('Invalid array length');
    await fix(page).getByRole('button', { name: 'Resolve', exact: true }).click();
    await expect(textOf(fix(page).getByRole('alert'))).resolves.toContain(
      `issue ${reproducedIssueId} cannot be resolved: its latest verification says still-failing: the replayed request still threw RangeError`,
    );
    await screenshotOf(fix(page), 'issue-fix-refused');

    await recordVerification('fixed', 'the replayed request answered 200', '8d41e07');
    await page.reload();
    const verifications = fix(page).getByRole('list', { name: 'Verifications' }).getByRole('listitem');
    await expectCount(verifications, 2);
    await expect(verifications.allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^fixed\s+the replayed request answered 200\s+app at 8d41e07 · just now$/),
      expect.stringMatching(/^still-failing\s+the replayed request still threw RangeError\s+app at 3f2a9c1/),
    ]);
    await fix(page).getByRole('button', { name: 'Resolve', exact: true }).click();
    const notes = page.getByRole('list', { name: 'Notes' }).getByRole('listitem');
    await notes
      .filter({ hasText: 'open → resolved: verified fixed (the replayed request answered 200)' })
      .waitFor();
    await expect(textOf(page.locator('.issue-facts'))).resolves.toContain('resolved');
    await expect(fix(page).getByRole('button', { name: 'Resolve', exact: true }).count()).resolves.toBe(0);

    await page.getByLabel('Add a note').fill('Clamped the installment count at 24.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await notes.filter({ hasText: 'Clamped the installment count at 24.' }).waitFor();
    await expect(textOf(notes.last())).resolves.toMatch(
      /^web · just now\s+Clamped the installment count at 24\.$/,
    );
    await expect(page.getByLabel('Add a note').inputValue()).resolves.toBe('');
    await screenshotOf(fix(page), 'issue-fix-resolved');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshotOf(page.getByRole('region', { name: 'Notes' }), 'issue-notes-dark');
    // The refused resolve before the reload is the only console error (Chromium reports the 409).
    expect(errors).toEqual([expect.stringContaining('status of 409 (Conflict)')]);
    await page.close();
  });
});
