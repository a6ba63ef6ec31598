import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { awaitReproduction } from './await-reproduction.js';
import { projectInput } from './common-inputs.js';

export const getReproductionTool = defineTool({
  name: 'get_reproduction',
  title: 'Get a reproduction and its verdict',
  description: [
    'Returns one reproduction by id, as run_reproduction does: status, verdict (summary, original vs',
    'replayed error, divergences), the repro bundle’s contents and the end of its run log.',
    'Use it when run_reproduction or triage_decide returned a reproduction that was still queued or running;',
    'waitSeconds (default 0) waits for the verdict.',
  ].join(' '),
  input: {
    project: projectInput,
    reproductionId: z
      .string()
      .min(1)
      .describe('Reproduction id, from run_reproduction, triage_decide or get_issue.'),
    waitSeconds: z
      .number()
      .int()
      .min(0)
      .max(600)
      .optional()
      .describe('How long to wait for a verdict. Default 0.'),
  },
  annotations: { readOnlyHint: true, openWorldHint: false },
  async run(input, context) {
    const project = await context.project(input.project);
    const reproduction = await context.client.getReproduction(project, input.reproductionId);
    return awaitReproduction(context, project, reproduction, input.waitSeconds ?? 0);
  },
});
