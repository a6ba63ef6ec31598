import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { projectInput } from './common-inputs.js';
import {
  conditionInput,
  fileInput,
  lineInput,
  maxHitsInput,
  serviceInput,
  ttlSecondsInput,
} from './trace-inputs.js';
import { placeAndSettle } from './trace-place.js';

export const traceLogTool = defineTool({
  name: 'trace_log',
  title: 'Place a dynamic log line in a running service',
  description: [
    'Arms a log line at file:line of a running service without pausing it: each time the line runs (and the',
    'optional condition holds) the template is filled in from the variables in scope and sent back.',
    'Use it to watch a value across many requests, cheaply (an armed line costs a few property reads).',
    'Returns the action with its state; read the lines with trace_hits. Default maxHits 100, TTL 10 minutes.',
  ].join(' '),
  input: {
    project: projectInput,
    service: serviceInput,
    file: fileInput,
    line: lineInput,
    template: z
      .string()
      .min(1)
      .max(2_000)
      .describe(
        'Message with {expression} holes, e.g. "user {user.id} total {order.total}"; holes follow the condition’s rules.',
      ),
    condition: conditionInput,
    maxHits: maxHitsInput.describe('Lines to emit before the action stops. Default 100.'),
    ttlSeconds: ttlSecondsInput,
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async run(input, context) {
    const project = await context.project(input.project);
    return placeAndSettle(context, project, {
      kind: 'log',
      service: input.service,
      file: input.file,
      line: input.line,
      template: input.template,
      condition: input.condition,
      maxHits: input.maxHits,
      ttlSeconds: input.ttlSeconds,
    });
  },
});
