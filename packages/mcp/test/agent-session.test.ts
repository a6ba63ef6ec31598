/**
 * An agent's session end to end, through the real `flashback mcp` binary over stdio: the checkout
 * example runs with the SDK and sends its failures to a listening collector that reproduces tier-3
 * issues with the replay engine; the agent lists the issues, reads the $0.00 promo one and its
 * timeline, notes its conclusion, reproduces bug 7, and resolves it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addService } from '@flashback/server';
import { waitFor } from '@flashback-dev/test-harness';
import { bugRequests, checkoutEnvAllowlist } from '@flashback-examples/checkout/requests';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CheckoutUnderTest, startCheckout } from '../../../examples/checkout/test/start-checkout.js';
import { startCollector, type TestCollector } from './support/collector.js';
import { call, newClient } from './support/mcp-client.js';

const CHECKOUT_DIR = fileURLToPath(new URL('../../../examples/checkout', import.meta.url));
const FLASHBACK_BIN = fileURLToPath(new URL('../../cli/dist/bin.js', import.meta.url));

interface IssueRow {
  id: string;
  title: string;
  tier: number;
  cause?: { kind: string; summary: string };
}

let collector: TestCollector;
let client: Client;
let spoolDir: string;
let checkout: CheckoutUnderTest;
let stderr = '';

function bug(id: string) {
  const found = bugRequests.find((b) => b.id === id);
  if (!found) throw new Error(`checkout bug ${id} is missing from the example requests`);
  return found;
}

beforeAll(async () => {
  collector = await startCollector({ replay: { sandbox: 'auto', timeLimitMs: 60_000 } });
  await addService(
    'checkout',
    { name: 'checkout', dir: CHECKOUT_DIR, start: 'node src/server.js', readyPath: '/health' },
    { storage: collector.app.flashbackStorage },
  );

  // The running service sends what it captures straight to the collector.
  spoolDir = mkdtempSync(path.join(tmpdir(), 'flashback-mcp-spool-'));
  checkout = await startCheckout({
    preloadSdk: true,
    env: {
      FLASHBACK_ENV_ALLOWLIST: checkoutEnvAllowlist,
      FLASHBACK_DSN: collector.dsn,
      FLASHBACK_SPOOL_DIR: spoolDir,
    },
  });
  for (const fired of [bug('free-order-charge-rejected'), bug('installments-duplicate-payments')]) {
    await checkout.app.request(fired.method, fired.path, fired.body);
  }
  await checkout.app.waitForPackages(2);

  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [FLASHBACK_BIN, 'mcp', '--server', collector.url, '--token', collector.project.readToken],
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  client = newClient();
  await client.connect(transport);
}, 90_000);

afterAll(async () => {
  await client?.close();
  await checkout?.stop();
  await collector?.close();
  if (spoolDir) rmSync(spoolDir, { recursive: true, force: true });
});

describe('an agent drives Flashback over stdio', () => {
  it('lists, reads, notes, reproduces and resolves', async () => {
    expect(stderr).toMatch(/serving on stdio, collector http:\/\/127\.0\.0\.1:\d+/);

    // 1. What is failing? Both packages arrive from the service and are triaged at ingest.
    const issues = await waitFor(
      async () => {
        const list = (await call(client, 'list_issues')).json.issues as IssueRow[];
        return list.length === 2 ? list : undefined;
      },
      { what: 'both issues to reach the collector', timeoutMs: 20_000, intervalMs: 200 },
    );
    const promo = issues.find((i) => i.tier === 2);
    const novel = issues.find((i) => i.title === 'RangeError: Invalid array length');
    expect(promo?.cause?.kind).toBe('upstream-rejected');
    expect(novel?.tier).toBe(3);

    // 2. The $0.00 promo issue: the rules already explain it, with the evidence.
    const detail = await call(client, 'get_issue', { issueId: promo?.id });
    expect(detail.json.triage).toMatchObject({
      tier: 2,
      cause: { kind: 'upstream-rejected', summary: expect.stringContaining('$0.00') },
    });
    const evidence = (detail.json.triage as { cause: { evidence: number[] } }).cause.evidence;

    // 3. The timeline shows the gateway's answer the cause points at.
    const page = await call(client, 'get_package', { issueId: promo?.id, part: 'timeline' });
    const events = (page.json.timeline as { events: { seq: number; type: string; status?: number }[] })
      .events;
    const rejected = events.find((e) => e.seq === evidence[0]);
    expect(rejected).toMatchObject({ type: 'http', status: 400 });

    // 4. A hypothesis the package cannot settle alone: what did pricing compute for that cart?
    //    A snapshot in the running service answers it, without a redeploy.
    const placed = await call(client, 'trace_snapshot', {
      service: 'checkout',
      file: 'src/pricing.js',
      line: 22,
      condition: 'promo !== undefined && promo.percent_off === 100',
    });
    expect(placed.json.action, placed.text).toMatchObject({ status: { state: 'applied' } });
    const actionId = (placed.json.action as { id: string }).id;
    const promoOrder = bug('free-order-charge-rejected');
    await checkout.app.request(promoOrder.method, promoOrder.path, promoOrder.body);
    const hits = await call(client, 'trace_hits', { actionId, waitSeconds: 10 });
    const snapshot = (
      hits.json.hits as { kind: string; frames: { function: string; locals: Record<string, unknown> }[] }[]
    ).find((h) => h.kind === 'snapshot');
    expect(snapshot?.frames[0]).toMatchObject({
      function: 'priceCart',
      locals: { subtotalCents: 2500, discountCents: 2500 },
    });
    const listed = await call(client, 'trace_list', { service: 'checkout' });
    expect(
      (listed.json.actions as { id: string; hitCount: number }[]).find((a) => a.id === actionId)?.hitCount,
    ).toBe(1);
    const sideEffecting = await call(client, 'trace_log', {
      service: 'checkout',
      file: 'src/pricing.js',
      line: 22,
      template: '{promo.save()}',
    });
    // The service refuses an expression that could have a side effect, and says why.
    expect(sideEffecting.json.action).toMatchObject({
      status: { state: 'error', reason: expect.stringContaining('`promo.save()` calls a function') },
    });
    expect((await call(client, 'trace_remove', { actionId })).json.action).toMatchObject({ id: actionId });

    // 5. The conclusion, kept on the issue.
    const note = await call(client, 'add_note', {
      issueId: promo?.id,
      text: `The 100% promo makes the charge $0.00 and the gateway refuses it (timeline #${evidence[0]}).`,
    });
    expect(note.isError, note.text).toBe(false);

    // 6. Bug 7 is not explained by any rule: reproduce it in a sandbox and wait for the verdict.
    const repro = await call(client, 'run_reproduction', { issueId: novel?.id, waitSeconds: 110 });
    expect(repro.isError, repro.text).toBe(false);
    expect(repro.json.status, repro.text).toBe('reproduced');
    expect(repro.json.verdict).toMatchObject({ status: 'reproduced' });
    expect((repro.json.bundle as { logTail: string }).logTail).toMatch(/verdict: reproduced/);
    const afterRepro = await call(client, 'get_issue', { issueId: novel?.id });
    expect(afterRepro.json.triage).toMatchObject({
      tier: 3,
      reason: expect.stringMatching(/^Reproduced in the/),
    });

    // 7. Fixed: resolve it with the reason.
    const resolved = await call(client, 'set_issue_status', {
      issueId: novel?.id,
      status: 'resolved',
      reason: 'dedupe payment rows before spreading the plan (checkout 1.4.3)',
    });
    expect(resolved.json.issue).toMatchObject({ status: 'resolved', previousStatus: 'open' });
    const open = await call(client, 'list_issues', { status: 'open' });
    expect((open.json.issues as IssueRow[]).map((i) => i.id)).toEqual([promo?.id]);
  }, 150_000);

  it('answers a bad call with a tool error and keeps serving', async () => {
    const unknown = await call(client, 'get_issue', { issueId: 'no-such-issue' });
    expect(unknown).toMatchObject({
      isError: true,
      text: expect.stringContaining('has no issue no-such-issue'),
    });
    const part = await call(client, 'get_package', { issueId: 'x', part: 'heap' });
    expect(part.isError).toBe(true);
    expect(part.text).toMatch(/Invalid arguments for tool get_package/);
    expect((await call(client, 'list_issues')).isError).toBe(false);
  });
});
