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

export const traceSnapshotTool = defineTool({
  name: 'trace_snapshot',
  title: 'Place a snapshot at a line of a running service',
  description: [
    'Arms a snapshot at file:line in every running process of a service, without a restart or a code change:',
    'when the line runs (and the optional condition holds), the stack and the local variables of every',
    'in-app frame are captured (redacted like error packages) and the service carries on.',
    'Use it to test a hypothesis about state the error package did not capture, e.g. the value of a variable',
    'on the path that fails. Returns the action with its state (applied / error with the reason / pending);',
    'then trigger the path and call trace_hits. Default maxHits 1, TTL 10 minutes.',
  ].join(' '),
  input: {
    project: projectInput,
    service: serviceInput,
    file: fileInput,
    line: lineInput,
    condition: conditionInput,
    maxHits: maxHitsInput.describe('Snapshots to take before the action stops. Default 1.'),
    ttlSeconds: ttlSecondsInput,
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async run(input, context) {
    const project = await context.project(input.project);
    return placeAndSettle(context, project, {
      kind: 'snapshot',
      service: input.service,
      file: input.file,
      line: input.line,
      condition: input.condition,
      maxHits: input.maxHits,
      ttlSeconds: input.ttlSeconds,
    });
  },
});
