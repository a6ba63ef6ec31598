import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { summarizeReproduction } from '../reproduction-summary.js';
import { authorInput, DEFAULT_AUTHOR, issueIdInput, projectInput } from './common-inputs.js';

export const triageDecideTool = defineTool({
  name: 'triage_decide',
  title: 'Decide tier 3 (reproduce) or tier 4 (escalate)',
  description: [
    'Takes the triage master’s decision on an issue. tier 3: the cause is unclear and worth reproducing —',
    'sets the tier with your reason and queues a reproduction (returned; wait for it with get_reproduction).',
    'tier 4: escalate to a developer — the failure cannot be reproduced or depends on things outside the',
    'timeline (timing, partitions, the kernel); sets the tier with the reason and notifies the project’s',
    'escalation webhooks. `escalation` classifies it (default "outside-timeline"). Refused while a',
    'reproduction is queued or running (its verdict sets the tier) and after one reproduced the issue.',
    'The reason is kept as a note. Tiers 1 and 2 are decided by the rules at ingest, not here.',
  ].join(' '),
  input: {
    project: projectInput,
    issueId: issueIdInput,
    tier: z.union([z.literal(3), z.literal(4)]).describe('3 reproduce, 4 escalate.'),
    reason: z
      .string()
      .min(1)
      .max(2_000)
      .describe('Your reasoning: the hypothesis to test, or why to escalate.'),
    escalation: z
      .enum(['outside-timeline', 'reproduction-failed', 'reproduction-errored', 'no-app-spec'])
      .optional()
      .describe('Tier 4 only: the kind of escalation. Default "outside-timeline".'),
    author: authorInput,
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async run(input, context) {
    const project = await context.project(input.project);
    const decision = await context.client.decideTriage(project, input.issueId, {
      tier: input.tier,
      reason: input.reason,
      escalation: input.escalation,
      author: input.author ?? DEFAULT_AUTHOR,
    });
    return {
      issue: decision.issue,
      note: decision.note,
      ...(decision.escalation ? { escalation: decision.escalation } : {}),
      ...(decision.reproduction
        ? {
            reproduction: summarizeReproduction(decision.reproduction),
            next: `call get_reproduction with reproductionId "${decision.reproduction.id}" and waitSeconds to get the verdict`,
          }
        : {}),
    };
  },
});
