import type { FastifyInstance } from 'fastify';
import { ServerError } from '../app/server-errors.js';
import type { ReproductionQueue } from '../queue/reproduction-queue.js';
import type { ReproductionHandlerHooks } from '../queue/reproduction-worker.js';
import { addIssueNote } from '../storage/issue-note-store.js';
import { setIssueTier } from '../storage/issue-store.js';
import { listReproductions } from '../storage/reproduction-store.js';
import { type EscalationReason, escalate } from '../triage/index.js';
import { type IssueParams, requireIssue } from './issue-lookup.js';
import { AUTHOR_SCHEMA } from './issue-note-routes.js';
import type { ReadContext } from './read-routes.js';
import { requestReproduction } from './request-reproduction.js';

interface TriageDecisionRequest {
  Params: IssueParams;
  Body: { tier: 3 | 4; reason: string; escalation?: EscalationReason; author?: string };
}

const ESCALATIONS: readonly EscalationReason[] = [
  'outside-timeline',
  'reproduction-failed',
  'reproduction-errored',
  'no-app-spec',
];

const decisionBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['tier', 'reason'],
  properties: {
    tier: { type: 'integer', enum: [3, 4] },
    reason: { type: 'string', minLength: 1, maxLength: 2_000 },
    escalation: { type: 'string', enum: ESCALATIONS },
    author: AUTHOR_SCHEMA,
  },
} as const;

export interface TriageDecisionDeps {
  queue: ReproductionQueue;
  /** Tells the project's webhooks about an escalation, as after a failed reproduction. */
  notifyEscalation: ReproductionHandlerHooks['onFinished'];
  onNotifyError: (error: unknown) => void;
}

/**
 * The master's decision taken from outside the rules, e.g. by an agent over MCP: tier 3 queues a
 * reproduction (whose verdict then sets the tier as usual), tier 4 escalates to a developer with
 * a reason and tells the webhooks. The reason is kept as a note.
 */
export async function registerTriageDecisionRoute(
  app: FastifyInstance,
  context: ReadContext,
  deps: TriageDecisionDeps,
): Promise<void> {
  const { db } = context.storage;
  app.post<TriageDecisionRequest>(
    '/api/projects/:project/issues/:issueId/triage',
    { schema: { body: decisionBodySchema } },
    async (request) => {
      const { project, issue } = await requireIssue(context, request);
      const { tier, reason, author = 'api' } = request.body;
      if (tier === 3) {
        await setIssueTier(db, issue.id, 3, reason);
        const requested = await requestReproduction(context.storage, deps.queue, {
          projectId: project.id,
          issueId: issue.id,
        });
        const note = await addIssueNote(db, {
          issueId: issue.id,
          kind: 'triage',
          text: `tier 3: ${reason}`,
          author,
        });
        return { issue: { id: issue.id, tier: 3, tierReason: reason }, note, ...requested };
      }

      const [latest] = await listReproductions(db, issue.id);
      if (latest?.status === 'queued' || latest?.status === 'running') {
        throw new ServerError(
          'FB_ERR_BAD_REQUEST',
          `reproduction ${latest.id} is ${latest.status}; its verdict sets the tier, so wait for it before escalating`,
        );
      }
      if (latest?.status === 'reproduced') {
        throw new ServerError(
          'FB_ERR_BAD_REQUEST',
          `reproduction ${latest.id} reproduced this issue, so it stays at tier 3; add a note to hand it to a developer`,
        );
      }
      const escalated = escalate(issue, request.body.escalation ?? 'outside-timeline', reason);
      await setIssueTier(db, issue.id, 4, escalated.reason);
      const note = await addIssueNote(db, {
        issueId: issue.id,
        kind: 'triage',
        text: `tier 4: ${reason}`,
        author,
      });
      // Delivery retries for seconds; the decision does not wait for it.
      deps
        .notifyEscalation?.(
          {
            reproductionId: latest?.id ?? '',
            projectId: project.id,
            issueId: issue.id,
            packageId: latest?.packageId ?? '',
          },
          { status: latest?.status ?? 'not_reproduced', verdict: latest?.verdict, reason: escalated.reason },
        )
        ?.catch(deps.onNotifyError);
      return {
        issue: { id: issue.id, tier: 4, tierReason: escalated.reason },
        escalation: escalated.escalation,
        note,
      };
    },
  );
}
