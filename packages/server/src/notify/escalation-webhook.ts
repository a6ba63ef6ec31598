/**
 * Tells a project's webhooks that an issue was escalated to a developer (tier 4): a JSON summary
 * with the reason and links, signed with the webhook's secret when it has one. Delivery is tried a
 * few times and never fails the reproduction that triggered it; what could not be delivered is
 * logged.
 */
import { createHmac } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { ReproductionHandlerHooks } from '../queue/reproduction-worker.js';
import { getIssue } from '../storage/issue-store.js';
import type { Storage } from '../storage/open-storage.js';
import { findProjectById } from '../storage/project-store.js';
import { listWebhooks } from '../storage/webhook-store.js';
import { issueLinks } from './issue-links.js';

export const ESCALATED_EVENT = 'issue.escalated';
export const SIGNATURE_HEADER = 'x-flashback-signature';

export interface EscalationWebhookOptions {
  storage: Storage;
  /** Base of the links; asked at delivery, once the collector knows the address it listens on. */
  publicUrl: () => string;
  log: FastifyBaseLogger;
  /** Pause before each retry; default 0.5 s then 2 s. */
  retryDelaysMs?: readonly number[];
  /** Per attempt; default 5 s. */
  timeoutMs?: number;
}

/** The body a webhook receives. */
export interface EscalationPayload {
  event: typeof ESCALATED_EVENT;
  project: string;
  issue: {
    id: string;
    title: string;
    service: string;
    tier: number;
    reason: string;
    count: number;
    firstSeen: string;
    lastSeen: string;
  };
  reproduction: { id: string; status: string; summary?: string };
  links: { issue: string; api: string };
}

export function escalationWebhookHook(
  options: EscalationWebhookOptions,
): ReproductionHandlerHooks['onFinished'] {
  const { db } = options.storage;
  return async (request, outcome) => {
    if (outcome.status === 'reproduced') return;
    const webhooks = await listWebhooks(db, request.projectId, ESCALATED_EVENT);
    if (webhooks.length === 0) return;
    const [issue, project] = await Promise.all([
      getIssue(db, request.projectId, request.issueId),
      findProjectById(db, request.projectId),
    ]);
    if (!issue || !project) return;
    const summary = (outcome.verdict as { summary?: unknown } | undefined)?.summary;
    const payload: EscalationPayload = {
      event: ESCALATED_EVENT,
      project: project.name,
      issue: {
        id: issue.id,
        title: issue.title,
        service: issue.serviceName,
        tier: issue.tier,
        reason: issue.tierReason,
        count: issue.count,
        firstSeen: issue.firstSeen,
        lastSeen: issue.lastSeen,
      },
      reproduction: {
        id: request.reproductionId,
        status: outcome.status,
        ...(typeof summary === 'string' ? { summary } : {}),
      },
      links: issueLinks(options.publicUrl(), project.name, issue.id),
    };
    const body = JSON.stringify(payload);
    await Promise.all(
      webhooks.map(async (webhook) => {
        const headers: Record<string, string> = {
          'content-type': 'application/json',
          'x-flashback-event': ESCALATED_EVENT,
        };
        if (webhook.secret) {
          headers[SIGNATURE_HEADER] =
            `sha256=${createHmac('sha256', webhook.secret).update(body).digest('hex')}`;
        }
        const problem = await deliver(webhook.url, headers, body, options);
        if (problem)
          options.log.warn({ webhook: webhook.url, issue: issue.id }, `webhook not delivered: ${problem}`);
      }),
    );
  };
}

/** Posts until a 2xx answers; returns what went wrong the last time, or undefined when delivered. */
async function deliver(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: EscalationWebhookOptions,
): Promise<string | undefined> {
  const delays = options.retryDelaysMs ?? [500, 2_000];
  let problem = '';
  for (let attempt = 0; attempt <= delays.length; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, delays[attempt - 1]));
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
      });
      await response.body?.cancel();
      if (response.ok) return undefined;
      problem = `${url} answered ${response.status}`;
      // A 4xx other than 408/429 will not change by asking again.
      if (response.status < 500 && response.status !== 408 && response.status !== 429) return problem;
    } catch (error: unknown) {
      problem = `${url}: ${(error as Error).message}`;
    }
  }
  return problem;
}
