import { afterEach, describe, expect, it } from 'vitest';
import { escalationWebhookHook } from '../../src/notify/escalation-webhook.js';
import { findProjectByName } from '../../src/storage/project-store.js';
import { addWebhook } from '../../src/storage/webhook-store.js';
import { startTestApp, type TestApp } from '../api/test-app.js';
import { demoPackage } from '../triage/support/demo-packages.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';

let app: TestApp;
const receivers: WebhookReceiver[] = [];
afterEach(async () => {
  await app.close();
  for (const r of receivers.splice(0)) await r.close();
});

/** An app with one escalation-ready issue, and the hook with short retry pauses. */
async function setup() {
  app = await startTestApp();
  await app.ingest([demoPackage('bug7-duplicate-payments')]);
  const { issues } = (await app.read('/api/projects/checkout/issues')).json() as { issues: { id: string }[] };
  const storage = app.app.flashbackStorage;
  const projectId = (await findProjectByName(storage.db, 'checkout'))?.id ?? '';
  const warnings: string[] = [];
  const log = { warn: (_: unknown, message: string) => warnings.push(message) } as never;
  const hook = escalationWebhookHook({
    storage,
    publicUrl: () => 'http://127.0.0.1:4700',
    log,
    retryDelaysMs: [10, 10],
    timeoutMs: 2_000,
  });
  const fire = (status: 'failed' | 'reproduced' = 'failed') =>
    hook?.(
      { reproductionId: 'r1', projectId, issueId: issues[0]?.id ?? '', packageId: 'p1' },
      { status, error: 'boom' },
    );
  const subscribe = async (statuses: number[]) => {
    const receiver = await startWebhookReceiver(statuses);
    receivers.push(receiver);
    await addWebhook(storage.db, { projectId, url: receiver.url, events: ['issue.escalated'] });
    return receiver;
  };
  return { fire, subscribe, warnings, projectId };
}

describe('escalation webhook delivery', () => {
  it('retries a 5xx until it is accepted', async () => {
    const { fire, subscribe, warnings } = await setup();
    const receiver = await subscribe([503, 502, 204]);
    await fire();
    expect(receiver.received).toHaveLength(3);
    expect(warnings).toEqual([]);
  });

  it('does not retry a 4xx, and logs what went wrong', async () => {
    const { fire, subscribe, warnings } = await setup();
    const receiver = await subscribe([404]);
    await fire();
    expect(receiver.received).toHaveLength(1);
    expect(warnings).toEqual([expect.stringContaining(`${receiver.url} answered 404`)]);
  });

  it('gives up on an unreachable endpoint after the retries, without throwing', async () => {
    const { fire, subscribe, warnings } = await setup();
    const receiver = await subscribe([204]);
    await receiver.close();
    await expect(fire()).resolves.toBeUndefined();
    expect(warnings).toEqual([expect.stringContaining('webhook not delivered')]);
  });

  it('tells every subscribed webhook, and nobody when the issue was reproduced', async () => {
    const { fire, subscribe } = await setup();
    const first = await subscribe([204]);
    const second = await subscribe([204]);
    await fire('reproduced');
    expect([first.received.length, second.received.length]).toEqual([0, 0]);
    await fire('failed');
    expect([first.received.length, second.received.length]).toEqual([1, 1]);
  });
});
