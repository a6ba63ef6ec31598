import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { projectInput } from './common-inputs.js';
import { actionIdInput } from './trace-inputs.js';

export const traceHitsTool = defineTool({
  name: 'trace_hits',
  title: 'Read the hits of a tracing action',
  description: [
    'Returns the hits of a tracing action after a cursor: snapshots (frames with their local variables, in the',
    'package value encoding), log lines, and status changes the service reported (applied, disabled with the',
    'reason, error). waitSeconds (default 10) waits for the first new hit, so call it right after triggering',
    'the code path. Pass the returned `next` as `after` to read only newer hits.',
  ].join(' '),
  input: {
    project: projectInput,
    actionId: actionIdInput,
    after: z.number().int().min(0).optional().describe('Cursor: only hits after it. Default 0 (all).'),
    waitSeconds: z
      .number()
      .int()
      .min(0)
      .max(30)
      .optional()
      .describe('Wait this long for a first hit. Default 10.'),
  },
  annotations: { readOnlyHint: true, openWorldHint: false },
  async run(input, context) {
    const project = await context.project(input.project);
    return context.client.tracingHits(project, input.actionId, input.after ?? 0, input.waitSeconds ?? 10);
  },
});
